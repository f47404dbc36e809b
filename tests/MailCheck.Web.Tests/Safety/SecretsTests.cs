using System.Globalization;
using System.Net;
using System.Text;
using MailCheck.Testing.Smtp;
using MailCheck.Web.Tests.Api;

namespace MailCheck.Web.Tests.Safety;

/// <summary>AUTH credentials are used for the check and then gone: not in the database, the API, the transcript, the page or the log.</summary>
public sealed class SecretsTests
{
    private const string User = "relay-user";
    private const string Password = "Tr0ub4dor&3-not-for-logs";

    /// <summary>The password as it could leak: plain, and base64 as AUTH PLAIN and AUTH LOGIN send it.</summary>
    private static IEnumerable<string> Forms()
    {
        yield return Password;
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes(Password));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{User}\0{Password}"));
        yield return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}\0{Password}"));
    }

    private static void AssertNoSecret(string where, string text)
    {
        foreach (var form in Forms())
        {
            Assert.False(text.Contains(form, StringComparison.Ordinal), $"{where} contains the password ({form}).");
        }
    }

    private static void AssertNoSecret(string where, byte[] bytes)
    {
        foreach (var form in Forms())
        {
            foreach (var encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode })
            {
                Assert.True(bytes.AsSpan().IndexOf(encoding.GetBytes(form)) < 0, $"{where} contains the password ({form}, {encoding.WebName}).");
            }
        }
    }

    [Theory]
    [InlineData("send")]
    [InlineData("probe")]
    public async Task Check_WithAuth_PasswordIsNowhereAfterwards(string mode)
    {
        await using var lab = await SmtpLab.StartAsync(new TestSmtpServerOptions
        {
            Addresses = [IPAddress.Parse(SmtpLab.MxAddress)],
            ServerName = "mx1." + SmtpLab.Domain,
            Credentials = (User, Password),
        });
        await using var factory = new SafetyWebFactory { UseRealEngine = true };
        lab.Apply(factory);
        using var client = factory.CreateClient();

        var id = await client.SubmitAsync(string.Create(CultureInfo.InvariantCulture, $$$"""
            {"to":["someone@{{{SmtpLab.Domain}}}"],"mode":"{{{mode}}}","port":{{{lab.Port}}},"auth":{"username":"{{{User}}}","password":"{{{Password}}}"}}
            """));
        await client.WaitForStatusAsync(id);

        var json = await (await client.GetAsync($"/api/checks/{id}")).Content.ReadAsStringAsync();
        var transcript = await (await client.GetAsync($"/api/checks/{id}/transcript.txt")).Content.ReadAsStringAsync();
        var page = await (await client.GetAsync($"/checks/{id}")).Content.ReadAsStringAsync();
        var list = await (await client.GetAsync("/api/checks")).Content.ReadAsStringAsync();
        await factory.StopAppAsync();

        // The check did log in with the password (so the assertions below can fail) and shows the user name only.
        Assert.Contains("AUTH", transcript, StringComparison.Ordinal);
        Assert.Contains(Core.Checks.SmtpCredentials.Redacted, transcript, StringComparison.Ordinal);
        Assert.Contains(User, json, StringComparison.Ordinal);
        Assert.Contains("235", transcript, StringComparison.Ordinal);
        if (mode == "send")
        {
            Assert.Equal(User, Assert.Single(lab.Smtp.Messages).AuthenticatedUser);
        }

        AssertNoSecret("GET /api/checks/{id}", json);
        AssertNoSecret("transcript.txt", transcript);
        AssertNoSecret("the result page", page);
        AssertNoSecret("GET /api/checks", list);
        var log = factory.ReadLog();
        Assert.Contains(id, log, StringComparison.Ordinal);
        AssertNoSecret("the log", log);
        Assert.True(File.Exists(factory.DatabasePath));
        var database = await File.ReadAllBytesAsync(factory.DatabasePath);
        var wal = File.Exists(factory.DatabasePath + "-wal") ? await File.ReadAllBytesAsync(factory.DatabasePath + "-wal") : [];
        Assert.True(database.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0 || wal.AsSpan().IndexOf(Encoding.UTF8.GetBytes(id)) >= 0, "the check is in the database files");
        AssertNoSecret("the database", database);
        AssertNoSecret("the database's write-ahead log", wal);
    }
}
