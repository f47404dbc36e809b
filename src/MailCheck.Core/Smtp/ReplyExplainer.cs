namespace MailCheck.Core.Smtp;

/// <summary>Plain-language explanations of SMTP replies from their basic code and RFC 3463 enhanced code.</summary>
public static class ReplyExplainer
{
    /// <summary>Explains a reply; the enhanced code, when known, is more specific than the basic one.</summary>
    public static string Explain(int code, string? enhancedCode)
    {
        // Filled in by the explanations work (RFC 3463 classes and subjects, IANA registry entries).
        _ = enhancedCode;
        return (code / 100) switch
        {
            2 => "Success.",
            3 => "The server is waiting for more input.",
            4 => "Temporary failure: try again later.",
            5 => "Permanent failure.",
            _ => "Unknown reply class.",
        };
    }
}
