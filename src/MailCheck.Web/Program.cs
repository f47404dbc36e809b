using MailCheck.Web.Health;
using MailCheck.Web.Hosting;

if (args.Contains(HealthCheckCommand.Switch))
{
    return await HealthCheckCommand.RunAsync();
}

var builder = WebApplication.CreateBuilder(args);
builder.AddMailCheckWeb();

var app = builder.Build();
app.UseMailCheckWeb();
await app.RunAsync();
return 0;

/// <summary>The entry point; public for WebApplicationFactory tests.</summary>
public partial class Program;
