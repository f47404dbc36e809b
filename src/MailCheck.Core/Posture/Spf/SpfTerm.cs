namespace MailCheck.Core.Posture.Spf;

/// <summary>One term of an SPF record: a directive (mechanism) or a modifier (RFC 7208 §4.6.1).</summary>
public abstract record SpfTerm
{
    /// <summary>The term as written in the record.</summary>
    public required string Text { get; init; }

    /// <summary>Where the term starts in the record (0-based).</summary>
    public required int Position { get; init; }

    /// <summary>
    /// True for the terms that query DNS when evaluated and so count against the limit of 10: <c>include</c>,
    /// <c>a</c>, <c>mx</c>, <c>ptr</c>, <c>exists</c> and <c>redirect</c> (RFC 7208 §4.6.4).
    /// </summary>
    public abstract bool CountsAsLookup { get; }

    public override string ToString() => Text;
}
