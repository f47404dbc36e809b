namespace MailCheck.Core.Matrix;

/// <summary>
/// Something the MX hosts do not agree on (STARTTLS, the certificate, the SIZE limit, the banner ...), with each value
/// and the targets that showed it.
/// </summary>
/// <param name="Aspect">outcome, startTls, certificate, tlsVersion, size, extensions or banner.</param>
/// <param name="Title">"The SIZE limit differs".</param>
/// <param name="Why">Why it matters, with its RFC ("a message larger than one host's limit is refused by that host alone (RFC 1870 §6) ...").</param>
/// <param name="Values">Each value seen, with the targets that showed it (labels such as "[2] mx2.example.com [192.0.2.2]").</param>
public sealed record MatrixDifference(string Aspect, string Title, string Why, IReadOnlyList<MatrixDifferenceValue> Values)
{
    /// <summary>One line for people: the title, each value at its targets, and why it matters.</summary>
    public string Text => $"{Title}: {string.Join("; ", Values.Select(v => $"{v.Value} at {string.Join(", ", v.Targets)}"))} — {Why}.";
}
