using MailCheck.BlazorFloor;
using MailCheck.BlazorFloor.Components;

// The barest live Blazor Server page (see LineFeed): GET / is the page, POST /send?count=N&delayMs=M sends it N lines
// M ms apart and answers with when each was sent.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton<LineFeed>();
// As MailCheck's app (Hosting/WebHostingExtensions.cs) one render batch in flight per circuit, unless BatchesInFlight
// says otherwise (the framework's default is 10: the benchmark runs a second instance with it).
var batchesInFlight = builder.Configuration.GetValue("BatchesInFlight", 1);
builder.Services.AddRazorComponents().AddInteractiveServerComponents(options => options.MaxBufferedUnacknowledgedRenderBatches = batchesInFlight);

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapPost("/send", (int count, int delayMs, LineFeed feed, CancellationToken cancellationToken) =>
    feed.SendAsync(count, TimeSpan.FromMilliseconds(delayMs), cancellationToken));
await app.RunAsync();
