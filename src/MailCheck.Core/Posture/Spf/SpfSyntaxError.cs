namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// Why an SPF record, a term or a macro-string does not parse. Any syntax error anywhere in a record makes
/// <c>check_host()</c> return permerror (RFC 7208 §4.6).
/// </summary>
/// <param name="Message">What is wrong, in plain words, naming the RFC section.</param>
/// <param name="Position">Where, as a 0-based index into the text that was parsed.</param>
/// <param name="Term">The term the error is in, as written (null for an error outside any term).</param>
public sealed record SpfSyntaxError(string Message, int Position, string? Term = null)
{
    /// <summary>The 1-based column of <see cref="Position"/>, as a person counts characters.</summary>
    public int Column => Position + 1;

    /// <summary>E.g. <c>column 17 (ip4:192.0.2): ip4 needs a full dotted-quad address (RFC 7208 §5.6).</c></summary>
    public override string ToString() => Term is null ? $"column {Column}: {Message}" : $"column {Column} ({Term}): {Message}";
}
