using MailCheck.Web.Hosting;

// `--health-check` (the container's HEALTHCHECK): ask the running instance, exit 0 or 1, build nothing.
if (HealthCheckCommand.IsRequested(args))
{
    return await HealthCheckCommand.RunAsync(args, Console.Out, CancellationToken.None);
}

// Invalid configuration ends here with exit code 2 and a message naming the key.
return await StartupErrors.RunAsync(Console.Error, () =>
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = PublishedContentRoot.Resolve(args),
    });
    builder.AddMailCheckWeb();

    var app = builder.Build();
    app.UseMailCheckWeb();
    return app;
});

/// <summary>The entry point; public for WebApplicationFactory tests.</summary>
public partial class Program;
