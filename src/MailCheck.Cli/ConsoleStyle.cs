namespace MailCheck.Cli;

/// <summary>
/// ANSI colours, used only when standard output is a terminal, <c>NO_COLOR</c> is unset or empty
/// (no-color.org) and <c>TERM</c> is not "dumb". Otherwise every method returns the text as it is.
/// </summary>
public sealed class ConsoleStyle
{
    private const string Reset = "\u001b[0m";

    public ConsoleStyle(bool enabled)
    {
        Enabled = enabled;
    }

    public bool Enabled { get; }

    /// <summary>The style for this process's standard output.</summary>
    public static ConsoleStyle ForStandardOutput() => new(
        !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal));

    public string Dim(string text) => Paint("2", text);

    public string Bold(string text) => Paint("1", text);

    public string Red(string text) => Paint("31", text);

    public string BoldRed(string text) => Paint("1;31", text);

    public string Green(string text) => Paint("32", text);

    public string BoldGreen(string text) => Paint("1;32", text);

    public string Yellow(string text) => Paint("33", text);

    public string BoldYellow(string text) => Paint("1;33", text);

    public string Blue(string text) => Paint("34", text);

    public string Cyan(string text) => Paint("36", text);

    private string Paint(string code, string text) => Enabled && text.Length > 0 ? $"\u001b[{code}m{text}{Reset}" : text;
}
