using MailCheck.Web.Hosting;

// `--health-check` (the container's HEALTHCHECK): ask the running instance, exit 0 or 1, build nothing.
if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Out, CancellationToken.None);
}

// `--migrate` (a job before a rollout): apply the database's pending migrations, exit 0, serve nothing.
var migrate = MigrateCommand.IsRequested(args);
var hostArgs = migrate ? MigrateCommand.Strip(args) : args;

// Invalid configuration ends here with exit code 2 and a message naming the key.
return await StartupErrors.RunAsync(
    Console.Error,
    () =>
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = hostArgs,
            ContentRootPath = PublishedContentRoot.Resolve(hostArgs),
        });
        builder.AddMailCheckWeb();

        var app = builder.Build();
        app.UseMailCheckWeb();
        return app;
    },
    migrate ? app => MigrateCommand.RunAsync(app, Console.Out) : null);

/// <summary>The entry point; public for WebApplicationFactory tests.</summary>
public partial class Program;
