using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MailCheck.ScaleOut.Rig;
using Xunit.Abstractions;

namespace MailCheck.ScaleOut;

/// <summary>What every instance shows is the same database: history, results, migrations.</summary>
[Collection(ScaleRigDefinition.Name)]
public sealed partial class SharedStateTests(ScaleFixture fx, ITestOutputHelper output)
{
    [Fact]
    public async Task TwentyChecks_SpreadOverBoth_IdenticalHistoryOnBoth()
    {
        await fx.EnsureBothUpAsync();
        using var viaA = fx.Balancer(fx.A);
        using var viaB = fx.Balancer(fx.B);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await CheckApi.SubmitAsync(i % 2 == 0 ? viaA : viaB, new { domain = "postfix.test", to = new[] { $"history{i}@postfix.test" }, mode = "probe" }));
        }

        foreach (var id in ids)
        {
            Assert.Equal("accepted", (string?)(await CheckApi.WaitFinishedAsync(viaA, id, TimeSpan.FromSeconds(90)))["outcome"]);
        }

        var owners = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            var owner = await fx.OwnerOfAsync(id) ?? "?";
            owners[owner] = owners.GetValueOrDefault(owner) + 1;
        }

        output.WriteLine($"ran on: {string.Join(", ", owners.Select(o => $"{o.Key} {o.Value}"))}");

        var historyA = await HistoryAsync(fx.A.Client);
        var historyB = await HistoryAsync(fx.B.Client);
        Assert.Equal(historyA.ToJsonString(), historyB.ToJsonString());
        var listed = historyA["items"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
        Assert.All(ids, id => Assert.Contains(id, listed));

        // The history page each instance renders lists the same checks in the same order.
        var pageA = CheckLinks(await fx.A.Client.GetStringAsync(new Uri("checks", UriKind.Relative)));
        var pageB = CheckLinks(await fx.B.Client.GetStringAsync(new Uri("checks", UriKind.Relative)));
        Assert.NotEmpty(pageA);
        Assert.Equal(pageA, pageB);
        Assert.Contains(ids[^1], pageA);
    }

    [Fact]
    public async Task StartedTogether_OnTheEmptyDatabase_OneMigrationHistory()
    {
        // The fixture started A and B at the same moment on the rig's empty database.
        await fx.EnsureBothUpAsync();
        await using var command = fx.Database.CreateCommand("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\" ORDER BY 1");
        var history = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                history.Add(reader.GetString(0));
            }
        }

        var known = typeof(MailCheck.Web.Data.PostgresMailCheckDbContext).Assembly.GetTypes()
            .Where(t => t.Namespace == "MailCheck.Web.Data.Migrations.Postgres" && t.IsSubclassOf(typeof(Microsoft.EntityFrameworkCore.Migrations.Migration)))
            .Select(t => t.GetCustomAttributes(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), false).Cast<Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute>().Single().Id)
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(known);
        Assert.Equal(known, history);
        Assert.Single(fx.MigratedAtStart);
    }

    private static async Task<JsonObject> HistoryAsync(HttpClient instance)
    {
        // Each instance makes links with its own address: compare everything else.
        var text = await instance.GetStringAsync(new Uri("api/checks?limit=500", UriKind.Relative));
        var list = JsonNode.Parse(text)!.AsObject();
        foreach (var item in list["items"]!.AsArray())
        {
            item!.AsObject().Remove("url");
        }

        return list;
    }

    private static List<string> CheckLinks(string html) => CheckLink().Matches(html).Select(m => m.Groups["id"].Value).ToList();

    [GeneratedRegex(@"href=""checks/(?<id>[A-Za-z0-9_-]{22})""")]
    private static partial Regex CheckLink();
}
