namespace MailCheck.Web.Tests.Fakes;

/// <summary>A test class with its own app (fake engine, its own SQLite file) and a client; both gone afterwards.</summary>
public abstract class WebAppTests : IAsyncLifetime
{
    protected MailCheckWebFactory Factory { get; } = new();

    protected HttpClient Client { get; private set; } = default!;

    public Task InitializeAsync()
    {
        Client = Factory.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        MailCheckWebFactory.DeleteDatabase(Factory.DatabasePath);
    }
}
