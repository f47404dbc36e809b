namespace MailCheck.Cli;

/// <summary>The entry point of <c>mailcheck</c>.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) => CliApp.RunAsync(args);
}
