using MailCheck.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddMailCheckWeb();

var app = builder.Build();
app.UseMailCheckWeb();
app.Run();

/// <summary>The entry point; public for WebApplicationFactory tests.</summary>
public partial class Program;
