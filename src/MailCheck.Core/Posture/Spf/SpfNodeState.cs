namespace MailCheck.Core.Posture.Spf;

/// <summary>What MailCheck found when it followed a node of the SPF include tree.</summary>
public enum SpfNodeState
{
    /// <summary>Looked up and usable.</summary>
    Ok,

    /// <summary>The lookup returned no records or NXDOMAIN: a void lookup (RFC 7208 §4.6.4).</summary>
    Void,

    /// <summary>include/redirect target without an SPF record: permerror (RFC 7208 §5.2, §6.1).</summary>
    NoRecord,

    /// <summary>The target publishes several SPF records: permerror (RFC 7208 §4.5).</summary>
    MultipleRecords,

    /// <summary>The target's record does not parse: permerror (RFC 7208 §4.6).</summary>
    SyntaxError,

    /// <summary>The target is already being evaluated higher up: receivers loop until the lookup limit (RFC 7208 §4.6.4).</summary>
    Loop,

    /// <summary>mx with more than 10 MX records: permerror (RFC 7208 §4.6.4).</summary>
    TooManyMx,

    /// <summary>The expanded target is not a valid domain name: the mechanism matches nothing.</summary>
    InvalidName,

    /// <summary>The lookup failed (SERVFAIL, timeout, budget used up): could not test.</summary>
    DnsFailed,

    /// <summary>Depends on the sender (macros such as %{i}, or ptr): counted, not looked up.</summary>
    DependsOnSender,

    /// <summary>Not followed: MailCheck stops following after a fixed number of lookups.</summary>
    NotFollowed,
}
