namespace MailCheck.Core.Matrix;

/// <summary>
/// Something the MX hosts do not agree on (STARTTLS, the certificate, the SIZE limit, the banner ...), with each value
/// and the targets that showed it.
/// </summary>
/// <param name="Aspect">startTls, certificate, tlsVersion, size, extensions, banner or outcome.</param>
/// <param name="Text">One line for people, naming the values, the targets and why it matters.</param>
/// <param name="Values">Each value seen, with the targets that showed it (labels such as "[2] mx2.example.com [192.0.2.2]").</param>
public sealed record MatrixDifference(string Aspect, string Text, IReadOnlyList<MatrixDifferenceValue> Values);
