namespace MailCheck.Core.Smtp;

/// <summary>A complete (possibly multi-line) SMTP reply, RFC 5321 §4.2.</summary>
/// <param name="Code">The three-digit reply code.</param>
/// <param name="Lines">Each line as received, code included, without CRLF.</param>
/// <param name="EnhancedCode">The RFC 3463 enhanced status code from the first line, when present (e.g. "5.1.1").</param>
public sealed record SmtpReply(int Code, IReadOnlyList<string> Lines, string? EnhancedCode)
{
    /// <summary>1 to 5: the first digit of <see cref="Code"/>.</summary>
    public int Class => Code / 100;

    public bool IsPositive => Class is 2 or 3;

    public bool IsTransientNegative => Class == 4;

    public bool IsPermanentNegative => Class == 5;

    /// <summary>The lines joined with "\n", as shown in a transcript.</summary>
    public string Text => string.Join('\n', Lines);

    /// <summary>The text after the code and separator of each line (and after the enhanced code on the first), joined by spaces.</summary>
    public string Message => string.Join(' ', Lines.Select((l, i) => StripPrefix(l, i == 0 ? EnhancedCode : null)));

    private static string StripPrefix(string line, string? enhanced)
    {
        var rest = line.Length > 4 ? line[4..] : "";
        if (enhanced is not null && rest.StartsWith(enhanced, StringComparison.Ordinal))
        {
            rest = rest[enhanced.Length..].TrimStart();
        }

        return rest;
    }
}
