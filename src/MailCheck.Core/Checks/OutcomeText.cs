using MailCheck.Core.Smtp;

namespace MailCheck.Core.Checks;

/// <summary>The words of outcome summaries: step names and reply descriptions.</summary>
internal static class OutcomeText
{
    public static string StepName(EventKind step) => CommandNames.Of(step) ?? step switch
    {
        EventKind.Dns => "the DNS lookup",
        EventKind.Mx => "the MX lookup",
        EventKind.Policy => "the safety policy",
        EventKind.Connect => "connect",
        EventKind.Tls => "the TLS handshake",
        EventKind.Banner => "the banner",
        EventKind.Message => "the end of data (\".\")",
        _ => step.ToString(),
    };

    /// <summary>"550 5.1.1 — the mailbox does not exist".</summary>
    public static string Reply(SmtpReply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var code = reply.EnhancedCode is null ? $"{reply.Code}" : $"{reply.Code} {reply.EnhancedCode}";
        return $"{code} — {Gist(ReplyExplainer.Explain(reply.Code, reply.EnhancedCode))}";
    }

    /// <summary>
    /// The gist of an explanation for a one-line summary: its first sentence, up to a colon
    /// ("The mailbox does not exist: the server ... . Check ..." becomes "the mailbox does not exist").
    /// </summary>
    public static string Gist(string explanation)
    {
        ArgumentNullException.ThrowIfNull(explanation);
        var text = explanation.Trim();
        var stop = text.IndexOf(". ", StringComparison.Ordinal);
        if (stop > 0)
        {
            text = text[..stop];
        }

        var colon = text.IndexOf(": ", StringComparison.Ordinal);
        if (colon > 0)
        {
            text = text[..colon];
        }

        return Sentence(text);
    }

    /// <summary>Ends <paramref name="text"/> with exactly one full stop ("... mail.." and "... mail" become "... mail."); "?" and "!" stay.</summary>
    public static string FullStop(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('?') || trimmed.EndsWith('!') ? trimmed : trimmed.TrimEnd('.') + ".";
    }

    /// <summary>Lower-cases the first letter (unless it starts an acronym) and drops the final full stop.</summary>
    public static string Sentence(string text)
    {
        text = text.Trim().TrimEnd('.');
        if (text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]))
        {
            text = char.ToLowerInvariant(text[0]) + text[1..];
        }

        return text;
    }
}
