using MailCheck.Core.Checks;
using MailCheck.Core.Documents;
using MailCheck.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Fakes;

/// <summary>
/// A test class over the real store: the app's own services on a fresh SQLite file (deleted afterwards), and checks made
/// from the scripted engine's events.
/// </summary>
public abstract class RealStoreTest : IAsyncLifetime
{
    protected static readonly CheckRequest Request = new() { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"] };

    protected MailCheckWebFactory Factory { get; } = new();

    protected ICheckStore Store { get; private set; } = default!;

    public Task InitializeAsync()
    {
        Store = Factory.Services.GetRequiredService<ICheckStore>();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(Factory.DatabasePath);
    }

    /// <summary>A check created at <paramref name="createdAt"/>, running, with all of the script's events (finished) or its first three.</summary>
    protected async Task<string> CreateAsync(DateTimeOffset createdAt, bool finish)
    {
        var id = CheckId.New();
        await Store.CreateAsync(id, "example.com", RedactedRequest.Of(Request), createdAt, CancellationToken.None);
        await Store.MarkRunningAsync(id, createdAt, CancellationToken.None);
        foreach (var e in ScriptedCheckEngine.Script(Request).Take(finish ? int.MaxValue : 3))
        {
            await Store.AppendAsync(id, e, CancellationToken.None);
        }

        return id;
    }
}
