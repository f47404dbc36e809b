namespace MailCheck.Core.Posture.Dmarc;

/// <summary>What is wrong with one tag of a DMARC record.</summary>
public enum DmarcIssueKind
{
    /// <summary>Not well-formed; receivers use the default instead (RFC 9989 §4.8).</summary>
    Invalid,

    /// <summary>A tag RFC 9989 removed (<c>pct</c>, <c>ri</c>, <c>rf</c>: "historic", §9.3).</summary>
    Removed,

    /// <summary>Not a DMARC tag: ignored (RFC 9989 §4.7).</summary>
    Unknown,

    /// <summary>Written more than once (RFC 6376 §3.2, whose syntax DMARC uses, makes the list invalid).</summary>
    Duplicate,

    /// <summary>Well-formed but without effect here (e.g. <c>fo</c> without <c>ruf</c>).</summary>
    Ignored,

    /// <summary>Obsolete syntax receivers ignore (the <c>!size</c> suffix of a report URI, RFC 9989 §4.8).</summary>
    Obsolete,
}
