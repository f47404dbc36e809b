using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using MailCheck.Core.Checks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MailCheck.Cli;

/// <summary>
/// mailcheck from arguments to exit status: parse, read the password and body, validate with Core, then run here or
/// on --server. Ctrl-C (or SIGTERM) once cancels the check cleanly (QUIT, outcome cancelled, exit 130); a second
/// Ctrl-C quits at once.
/// </summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args)
    {
        var command = new CliCommand();
        var parse = command.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"mailcheck: {parseError.Message}").ConfigureAwait(false);
            }

            return UsageHint();
        }

        if (parse.Action is not null)
        {
            // --help or --version.
            return await parse.InvokeAsync().ConfigureAwait(false);
        }

        CliSettings settings;
        try
        {
            settings = command.Read(parse);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"mailcheck: {ex.Message}").ConfigureAwait(false);
            return UsageHint();
        }

        using var cancel = new CancellationTokenSource();
        var running = 0;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // Before the check runs (a password prompt), and at a second Ctrl-C, quit at once.
            if (Volatile.Read(ref running) == 1 && !cancel.IsCancellationRequested)
            {
                e.Cancel = true;
                Console.Error.WriteLine("mailcheck: cancelling (Ctrl-C again to quit at once) ...");
                cancel.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            if (Volatile.Read(ref running) == 1)
            {
                context.Cancel = true;
                cancel.Cancel();
            }
        });
        try
        {
            return await RunCheckAsync(settings, () => Volatile.Write(ref running, 1), cancel.Token).ConfigureAwait(false);
        }
        catch (CliUsageException ex)
        {
            await Console.Error.WriteLineAsync($"mailcheck: {ex.Message}").ConfigureAwait(false);
            return UsageHint();
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private static async Task<int> RunCheckAsync(CliSettings settings, Action started, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var style = settings.Json ? new ConsoleStyle(false) : ConsoleStyle.ForStandardOutput();
        var body = await ReadBodyAsync(settings).ConfigureAwait(false);
        if (body.Failure is { } failure)
        {
            return failure;
        }

        var auth = settings.AuthUser is { } user ? new SmtpCredentials(user, PasswordSource.Get(user)) : null;
        var input = settings.ToInput(body.Text, auth);
        if (settings.Server is not null)
        {
            // Judge the request here first (same rules as the server), so mistakes name their flag.
            var local = new RequestDefaults(new Core.Smtp.SmtpOptions()).Complete(input, DateTimeOffset.UtcNow);
            var check = CheckRequestValidator.Validate(local);
            if (!check.IsValid)
            {
                throw new CliUsageException("the check request is not valid; nothing was sent.\n" + FieldFlags.Describe(check.Errors, settings));
            }

            started();
            return await new ServerCheck(settings, output, Console.Error, style).RunAsync(input, check.Request!, cancellationToken).ConfigureAwait(false);
        }

        var run = new LocalCheck(settings, output, style);
        Microsoft.Extensions.Hosting.IHost host;
        try
        {
            host = run.BuildHost();
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync("mailcheck: the configuration from the environment is not valid:").ConfigureAwait(false);
            foreach (var failureMessage in ex.Failures)
            {
                await Console.Error.WriteLineAsync("  " + failureMessage).ConfigureAwait(false);
            }

            return ExitCodes.Config;
        }

        using (host)
        {
            var defaults = host.Services.GetRequiredService<RequestDefaults>();
            var time = host.Services.GetRequiredService<TimeProvider>();
            var validation = CheckRequestValidator.Validate(defaults.Complete(input, time.GetUtcNow()));
            if (!validation.IsValid)
            {
                throw new CliUsageException("the check request is not valid; nothing was sent.\n" + FieldFlags.Describe(validation.Errors, settings));
            }

            started();
            return await run.RunAsync(host, validation.Request!, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<(string? Text, int? Failure)> ReadBodyAsync(CliSettings settings)
    {
        if (settings.BodyFile is not { } path)
        {
            return (settings.Body, null);
        }

        try
        {
            var text = path == "-"
                ? await Console.In.ReadToEndAsync().ConfigureAwait(false)
                : await File.ReadAllTextAsync(path, Encoding.UTF8).ConfigureAwait(false);
            return (text, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            await Console.Error.WriteLineAsync($"mailcheck: --body-file: cannot read '{path}': {ex.Message}").ConfigureAwait(false);
            return (null, ExitCodes.NoInput);
        }
    }

    private static int UsageHint()
    {
        Console.Error.WriteLine("Try 'mailcheck --help'.");
        return ExitCodes.Usage;
    }
}
