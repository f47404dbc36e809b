namespace MailCheck.Web.Hosting;

/// <summary>Configuration section <c>MailCheck:Logging</c>.</summary>
public sealed class LoggingOptions
{
    public const string SectionName = "MailCheck:Logging";

    /// <summary>True: the console gets compact JSON (one object per line, CLEF) instead of text.</summary>
    public bool Json { get; set; }

    /// <summary>The lowest level written to the console (default Verbose: whatever the Serilog levels let through).</summary>
    public Serilog.Events.LogEventLevel ConsoleMinimumLevel { get; set; } = Serilog.Events.LogEventLevel.Verbose;
}
