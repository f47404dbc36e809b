namespace MailCheck.Core.Matrix;

/// <summary>One value of a <see cref="MatrixDifference"/> and the targets that showed it.</summary>
public sealed record MatrixDifferenceValue(string Value, IReadOnlyList<string> Targets);
