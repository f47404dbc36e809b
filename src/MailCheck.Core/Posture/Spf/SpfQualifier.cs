namespace MailCheck.Core.Posture.Spf;

/// <summary>The qualifier in front of a mechanism (RFC 7208 §4.6.2): the result when the mechanism matches.</summary>
public enum SpfQualifier
{
    /// <summary><c>+</c> (the default when none is written).</summary>
    Pass,

    /// <summary><c>-</c>.</summary>
    Fail,

    /// <summary><c>~</c>.</summary>
    SoftFail,

    /// <summary><c>?</c>.</summary>
    Neutral,
}
