namespace MailCheck.Core.Posture.Dkim;

/// <summary>Short forms for texts shown in findings.</summary>
internal static class DkimText
{
    public static string Quote(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
