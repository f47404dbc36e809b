using System.Globalization;

namespace MailCheck.Core.Smtp;

/// <summary>Plain-language explanations of SMTP replies from their basic code and RFC 3463 enhanced code.</summary>
/// <remarks>The data lives in <see cref="ReplyExplanations"/>: a table per kind of code, no if-chains.</remarks>
public static class ReplyExplainer
{
    /// <summary>Appended to every transient (4xx or 4.x.x) explanation.</summary>
    public const string TransientNote = "This is temporary: the same attempt may succeed if tried again later.";

    /// <summary>Appended to every permanent (5xx) explanation.</summary>
    public const string PermanentNote = "This is permanent: retrying the same thing will not help.";

    /// <summary>Explains a reply; the enhanced code, when known, is more specific than the basic one.</summary>
    public static string Explain(int code, string? enhancedCode)
    {
        var replyClass = code / 100;
        var enhanced = ParseEnhanced(enhancedCode);
        var text = ExplainEnhanced(code, enhanced) ?? ExplainBasic(code);

        if (replyClass == 4 || (replyClass is < 2 or > 5 && enhanced?.Class == 4))
        {
            return text + " " + TransientNote;
        }

        if (replyClass == 5 || (replyClass is < 2 or > 5 && enhanced?.Class == 5))
        {
            return text + " " + PermanentNote;
        }

        return text;
    }

    private static string ExplainBasic(int code)
    {
        if (ReplyExplanations.Basic.TryGetValue(code, out var text))
        {
            return text;
        }

        return (code / 100) switch
        {
            2 => $"Success (reply {code}).",
            3 => $"The server is waiting for more input (reply {code}).",
            4 => $"A temporary failure (reply {code}).",
            5 => $"A permanent failure (reply {code}).",
            _ => $"Reply {code} is not a valid SMTP reply code: the first digit must be 2 to 5.",
        };
    }

    private static string? ExplainEnhanced(int code, Enhanced? enhanced)
    {
        if (enhanced is not { } e)
        {
            return null;
        }

        var full = $"{e.Class}.{e.Subject}.{e.Detail}";
        if (ReplyExplanations.ByFullCode.TryGetValue(full, out var specific))
        {
            return specific;
        }

        // Success codes: the registry's failure wording does not fit ("mailbox full"), so say what the basic code says.
        if (e.Class == 2)
        {
            return null;
        }

        if (ReplyExplanations.Details.TryGetValue($"{e.Subject}.{e.Detail}", out var detail))
        {
            return detail;
        }

        return ReplyExplanations.Subjects.TryGetValue(e.Subject, out var subject)
            ? ExplainBasic(code) + " " + subject
            : null;
    }

    /// <summary>Parses "class.subject.detail" (RFC 3463: class 2, 4 or 5; subject 0-999; detail 0-999).</summary>
    private static Enhanced? ParseEnhanced(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split('.');
        if (parts.Length != 3
            || !TryParsePart(parts[0], 1, out var c) || c is not (2 or 4 or 5)
            || !TryParsePart(parts[1], 3, out var s)
            || !TryParsePart(parts[2], 3, out var d))
        {
            return null;
        }

        return new Enhanced(c, s, d);
    }

    private static bool TryParsePart(string part, int maxDigits, out int value)
    {
        value = 0;
        return part.Length >= 1 && part.Length <= maxDigits && part.All(char.IsAsciiDigit)
            && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private readonly record struct Enhanced(int Class, int Subject, int Detail);
}
