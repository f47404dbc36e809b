using MailCheck.Web.Data;

namespace MailCheck.Web.Hosting;

/// <summary>
/// <c>dotnet MailCheck.Web.dll --migrate</c>: applies the configured database's pending migrations (under the same
/// lock as instances starting up) and exits 0, for operators who run migrations as a job before rolling out
/// instances with <c>MailCheck:Storage:MigrateAtStartup=false</c>. Reads the same configuration as the app; starts
/// nothing else.
/// </summary>
public static class MigrateCommand
{
    public const string Switch = "--migrate";

    public static bool IsRequested(IEnumerable<string> args) =>
        args.Any(a => string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase));

    /// <summary>The arguments without the switch (the rest is configuration, as for the app).</summary>
    public static string[] Strip(IEnumerable<string> args) =>
        args.Where(a => !string.Equals(a, Switch, StringComparison.OrdinalIgnoreCase)).ToArray();

    public static async Task<int> RunAsync(WebApplication app, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(output);
        var applied = await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await output.WriteLineAsync(applied.Count == 0
            ? "migrate: the database is up to date; nothing to apply."
            : $"migrate: applied {applied.Count} migrations: {string.Join(", ", applied)}.");
        return 0;
    }
}
