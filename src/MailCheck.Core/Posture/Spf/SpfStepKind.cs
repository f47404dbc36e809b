namespace MailCheck.Core.Posture.Spf;

/// <summary>What a step of a <c>check_host()</c> trace is about.</summary>
public enum SpfStepKind
{
    /// <summary>A domain's record was looked up (found, missing, several, failed, or with a syntax error).</summary>
    Record,

    /// <summary>A mechanism was evaluated: matched or not.</summary>
    Mechanism,

    /// <summary>The <c>redirect=</c> modifier was followed (RFC 7208 §6.1).</summary>
    Redirect,

    /// <summary>The <c>exp=</c> explanation was fetched (RFC 7208 §6.2).</summary>
    Explanation,

    /// <summary>The result of one <c>check_host()</c> (the top one, or an include's or redirect's).</summary>
    Result,
}
