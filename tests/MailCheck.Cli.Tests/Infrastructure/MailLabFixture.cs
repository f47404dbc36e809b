namespace MailCheck.Cli.Tests.Infrastructure;

/// <summary>One <see cref="MailLab"/> shared by a test class.</summary>
public sealed class MailLabFixture : IAsyncLifetime
{
    public MailLab Lab { get; } = new();

    public Task InitializeAsync() => Lab.InitializeAsync();

    public Task DisposeAsync() => Lab.DisposeAsync();
}
