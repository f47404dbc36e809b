using MailCheck.Deploy.Tests.Infrastructure;
using MailCheck.Testing;

namespace MailCheck.Deploy.Tests;

/// <summary>Invalid configuration stops the container at start-up with a message naming the key.</summary>
public sealed class ConfigurationErrorTests
{
    [Theory]
    [InlineData("MailCheck__PathBase", "mailcheck", "MailCheck:PathBase")]
    [InlineData("MailCheck__ShutdownGrace", "soon", "MailCheck:ShutdownGrace")]
    [InlineData("MailCheck__ReverseProxy__KnownNetworks__0", "10.0.0.0/99", "MailCheck:ReverseProxy:KnownNetworks")]
    [InlineData("MailCheck__ReverseProxy__KnownProxies__0", "proxy.example", "MailCheck:ReverseProxy:KnownProxies")]
    [InlineData("MailCheck__Limits__MaxConcurrentChecks", "0", "MailCheck:Limits:MaxConcurrentChecks")]
    [InlineData("MailCheck__DataProtection__KeysPath", "/proc/mailcheck-keys", "MailCheck:DataProtection:KeysPath")]
    public async Task Start_InvalidSetting_ExitsWithMessageNamingTheKey(string variable, string value, string key)
    {
        await PublishedApp.EnsureAsync();
        var data = ContainerRecipe.NewDataDirectory();
        try
        {
            var env = ContainerRecipe.Current.Environment(data, FreePort.Tcp(), new Dictionary<string, string> { [variable] = value });
            await using var app = AppProcess.Start(PublishedApp.Directory, ContainerRecipe.Current.Command(), env);

            Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"Still running with {variable}={value}:\n{app.Output}");
            Assert.NotEqual(0, app.ExitCode);
            Assert.Contains(key, app.Output, StringComparison.Ordinal);
            Assert.Contains("MailCheck cannot start", app.Output, StringComparison.Ordinal);
        }
        finally
        {
            ContainerRecipe.DeleteDataDirectory(data);
        }
    }
}
