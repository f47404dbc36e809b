using Microsoft.Extensions.Options;

namespace MailCheck.Web.Hosting;

/// <summary>
/// Runs the app; invalid configuration ends it with exit code 2 and one line per problem, each naming its key
/// (e.g. <c>MailCheck:PathBase</c>), instead of a stack trace; a database that cannot be reached at start-up ends it
/// with exit code 3 and one line.
/// </summary>
public static class StartupErrors
{
    public const int InvalidConfigurationExitCode = 2;

    /// <summary>The database could not be reached or opened at start-up (exit code 3, one line naming the key).</summary>
    public const int DatabaseUnavailableExitCode = 3;

    /// <param name="error">Where the problems are written.</param>
    /// <param name="build">Builds the app.</param>
    /// <param name="run">What to do with it (default: run it until it stops, exit code 0).</param>
    public static async Task<int> RunAsync(TextWriter error, Func<WebApplication> build, Func<WebApplication, Task<int>>? run = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(build);
        try
        {
            var app = build();
            if (run is not null)
            {
                return await run(app);
            }

            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (IsOwnProcess && Problems(ex) is { Count: > 0 } problems)
        {
            await error.WriteLineAsync("MailCheck cannot start: the configuration is not valid.");
            foreach (var problem in problems)
            {
                await error.WriteLineAsync($"  {problem}");
            }

            return InvalidConfigurationExitCode;
        }
        catch (Exception ex) when (IsOwnProcess && DatabaseFailure(ex) is { } database)
        {
            await error.WriteLineAsync(
                $"MailCheck cannot start: the database (ConnectionStrings:MailCheck) does not answer or cannot be opened: {database.Message}");
            return DatabaseUnavailableExitCode;
        }
    }

    /// <summary>The database error at the root of a start-up failure (EF Core wraps it), if that is what it was.</summary>
    private static System.Data.Common.DbException? DatabaseFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException db)
            {
                return db;
            }
        }

        return null;
    }

    /// <summary>
    /// False when a host embeds the app (WebApplicationFactory in tests): the exception then goes to that host as is.
    /// </summary>
    private static bool IsOwnProcess => System.Reflection.Assembly.GetEntryAssembly() == typeof(StartupErrors).Assembly;

    private static List<string> Problems(Exception exception) => exception switch
    {
        OptionsValidationException options => [.. options.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Problems)],
        InvalidOperationException { InnerException: not null } binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            [binding.Message],
        _ => [],
    };
}
