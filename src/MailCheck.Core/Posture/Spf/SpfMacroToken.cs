namespace MailCheck.Core.Posture.Spf;

/// <summary>
/// One piece of a macro-string (RFC 7208 §7.1): literal text (with <c>%%</c>, <c>%_</c> and <c>%-</c> already
/// decoded), or one <c>%{…}</c> macro with its transformers and delimiters.
/// </summary>
public sealed record SpfMacroToken
{
    /// <summary>The piece as written, e.g. <c>%{ir}</c> or <c>._spf.</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The decoded text of a literal piece; null for a macro.</summary>
    public string? Literal { get; init; }

    /// <summary>The macro letter, lower case (<c>s l o d i p h c r t v</c>); <c>'\0'</c> for a literal.</summary>
    public char Letter { get; init; }

    /// <summary>The DIGIT transformer: how many right-hand parts to keep; 0 = all (none written).</summary>
    public int Keep { get; init; }

    /// <summary>The <c>r</c> transformer: reverse the parts.</summary>
    public bool Reverse { get; init; }

    /// <summary>The delimiters to split on (default ".").</summary>
    public string Delimiters { get; init; } = ".";

    /// <summary>True for an upper-case letter: the expansion is then URL-escaped (RFC 7208 §7.3).</summary>
    public bool Escape { get; init; }

    /// <summary>True for a <c>%{…}</c> macro.</summary>
    public bool IsMacro => Literal is null;
}
