using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Globalization;

namespace MailCheck.Cli;

/// <summary>System.CommandLine's help, followed by the environment, the exit statuses and a few examples.</summary>
internal sealed class ExitCodesHelpAction(HelpAction inner) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        inner.Invoke(parseResult);
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Environment:");
        output.WriteLine("  MAILCHECK_PASSWORD   the password for --auth-user (else a prompt on a terminal)");
        output.WriteLine("  NO_COLOR             set to anything: no colours (colours are used only on a terminal)");
        output.WriteLine("  MailCheck__*         engine settings as in the app, e.g. MailCheck__Smtp__EhloName=mx.example.com");
        output.WriteLine();
        output.WriteLine("Exit status:");
        foreach (var (code, name, meaning) in ExitCodes.Table)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {code,3}  {name,-18} {meaning}"));
        }

        output.WriteLine();
        output.WriteLine("Examples:");
        output.WriteLine("  mailcheck example.com --mode probe");
        output.WriteLine("  mailcheck someone@example.com --from me@mine.example --subject Hello --body-file note.txt");
        output.WriteLine("  mailcheck example.com --mode connect --tls required --json | jq .result");
        output.WriteLine("  mailcheck example.com --server https://mailcheck.example.com");
        output.WriteLine();
        output.WriteLine("More: docs/cli.md");
        return 0;
    }
}
