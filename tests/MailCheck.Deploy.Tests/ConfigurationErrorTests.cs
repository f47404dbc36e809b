using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;

namespace MailCheck.Deploy.Tests;

/// <summary>Invalid configuration stops the container at start-up (exit code 2) with a message naming the key.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("MailCheck__PathBase", "mailcheck", "MailCheck:PathBase")]
    [InlineData("MailCheck__ShutdownGrace", "soon", "MailCheck:ShutdownGrace")]
    [InlineData("MailCheck__Limits__MaxConcurrentChecks", "0", "MailCheck:Limits:MaxConcurrentChecks")]
    [InlineData("MailCheck__Tls__ExtraTrustedCaFile", "/nonexistent/mailcheck-ca.pem", "MailCheck:Tls:ExtraTrustedCaFile: cannot read")]
    [InlineData("MailCheck__MtaSts__FetchTimeout", "00:05:00", "MailCheck:MtaSts:FetchTimeout")]
    public async Task Start_InvalidSetting_ExitsWithMessageNamingTheKey(string variable, string value, string key)
    {
        var output = await StartExpectingFailureAsync(new Dictionary<string, string> { [variable] = value });

        Assert.Contains(key, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_SeveralInvalidSettings_NamesEveryKey()
    {
        var output = await StartExpectingFailureAsync(new Dictionary<string, string>
        {
            ["MailCheck__ReverseProxy__KnownNetworks__0"] = "10.0.0.0/99",
            ["MailCheck__ReverseProxy__KnownProxies__0"] = "proxy.example",
            ["MailCheck__DataProtection__KeysPath"] = "/proc/mailcheck-keys",
        });

        Assert.Contains("MailCheck:ReverseProxy:KnownNetworks", output, StringComparison.Ordinal);
        Assert.Contains("MailCheck:ReverseProxy:KnownProxies", output, StringComparison.Ordinal);
        Assert.Contains("MailCheck:DataProtection:KeysPath", output, StringComparison.Ordinal);
    }

    private static async Task<string> StartExpectingFailureAsync(Dictionary<string, string> settings)
    {
        await PublishedApp.EnsureAsync();
        var data = ContainerRecipe.NewDataDirectory();
        try
        {
            var env = ContainerRecipe.Current.Environment(data, FreePort.Tcp(), settings);
            await using var app = AppProcess.Start(PublishedApp.Directory, ContainerRecipe.Current.Command(), env);

            Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"Still running with invalid settings:\n{app.Output}");
            Assert.True(app.ExitCode == 2, $"Exit code {app.ExitCode}, expected 2:\n{app.Output}");
            Assert.Contains("MailCheck cannot start: the configuration is not valid.", app.Output, StringComparison.Ordinal);
            return app.Output;
        }
        finally
        {
            ContainerRecipe.DeleteDataDirectory(data);
        }
    }
}
