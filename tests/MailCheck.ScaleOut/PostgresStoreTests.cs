using MailCheck.Core.Documents;
using MailCheck.Core.Checks;
using MailCheck.ScaleOut.Rig;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Safety;
using MailCheck.Web.Scale;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MailCheck.ScaleOut;

/// <summary>
/// The shared store's guarantees, in-process against the rig's real PostgreSQL (a new database per test): each
/// "instance" here is a store with its own id and connection pool.
/// </summary>
[Collection(ScaleRigDefinition.Name)]
public sealed class PostgresStoreTests(ScaleFixture fx) : IAsyncLifetime
{
    private static readonly CheckRequest Request = new() { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"] };
    private readonly List<ServiceProvider> _providers = [];
    private string _database = "";

    public async Task InitializeAsync()
    {
        _database = await fx.NewDatabaseAsync();
        await using var first = Instance("migrator", TimeSpan.FromSeconds(30));
        await first.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ClaimNext_FourInstancesRacing_EveryCheckClaimedExactlyOnce()
    {
        var creator = Store(Instance("creator", TimeSpan.FromSeconds(30)));
        var ids = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var id = CheckId.New();
            ids.Add(id);
            await creator.CreateAsync(id, "example.com", RedactedRequest.Of(Request), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var claimers = Enumerable.Range(0, 4).Select(n => Store(Instance($"claimer-{n}", TimeSpan.FromSeconds(30)))).ToList();
        var claims = await Task.WhenAll(claimers.Select(async store =>
        {
            var mine = new List<string>();
            while (await store.ClaimNextAsync([], DateTimeOffset.UtcNow, CancellationToken.None) is { } claimed)
            {
                mine.Add(claimed.Id);
            }

            return mine;
        }));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
        Assert.Equal(0, await creator.CountQueuedAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ExpiredLease_RecordedInterruptedByAnother_HolderCanNeitherAppendNorPassTheGateAndNothingIsRequeued()
    {
        var holderServices = Instance("holder", TimeSpan.FromSeconds(5));
        var holder = Store(holderServices);
        var survivor = Store(Instance("survivor", TimeSpan.FromSeconds(30)));
        var id = CheckId.New();
        await holder.CreateAsync(id, "example.com", RedactedRequest.Of(Request), DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.Equal(id, (await holder.ClaimNextAsync([], DateTimeOffset.UtcNow, CancellationToken.None))?.Id);
        var script = Script();
        await holder.AppendAsync(id, script[0], CancellationToken.None);
        Assert.True(await holder.ConfirmHoldAsync(id, CancellationToken.None));
        Assert.Empty(await survivor.InterruptExpiredAsync(DateTimeOffset.UtcNow, CancellationToken.None));

        await Task.Delay(TimeSpan.FromSeconds(7)); // the holder "died": no renewal for longer than its lease

        var expired = Assert.Single(await survivor.InterruptExpiredAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Equal((id, 2, "holder"), (expired.Id, expired.Seq, expired.FormerOwner));
        await Assert.ThrowsAsync<CheckNotHeldException>(() => holder.AppendAsync(id, script[1], CancellationToken.None));
        Assert.False(await holder.ConfirmHoldAsync(id, CancellationToken.None));
        Assert.DoesNotContain(id, await holder.RenewLeasesAsync(CancellationToken.None));
        Assert.Null(await survivor.ClaimNextAsync([], DateTimeOffset.UtcNow, CancellationToken.None));

        var check = await survivor.GetAsync(id, CancellationToken.None);
        Assert.Equal(CheckOutcome.Interrupted, check!.Outcome);
        Assert.Equal([1, 2], check.Events.Select(e => e.Seq));
        Assert.Contains("MailCheck instance holder stopped answering", check.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenewLeases_WhileHeld_KeepsTheCheckAlivePastItsFirstLease()
    {
        var holder = Store(Instance("renewer", TimeSpan.FromSeconds(5)));
        var other = Store(Instance("other", TimeSpan.FromSeconds(30)));
        var id = CheckId.New();
        await holder.CreateAsync(id, "example.com", RedactedRequest.Of(Request), DateTimeOffset.UtcNow, CancellationToken.None);
        await holder.ClaimNextAsync([], DateTimeOffset.UtcNow, CancellationToken.None);

        // Four renewals two seconds apart: the check outlives its first lease by three seconds.
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Contains(id, await holder.RenewLeasesAsync(CancellationToken.None));
            Assert.Empty(await other.InterruptExpiredAsync(DateTimeOffset.UtcNow, CancellationToken.None));
        }

        Assert.True(await holder.ConfirmHoldAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task CheckWithAuth_PinnedToTheInstanceThatAcceptedIt()
    {
        var accepting = Store(Instance("accepting", TimeSpan.FromSeconds(30)));
        var other = Store(Instance("other", TimeSpan.FromSeconds(30)));
        var id = CheckId.New();
        var withAuth = Request with { Auth = new SmtpCredentials("user", "secret") };
        await accepting.CreateAsync(id, "example.com", RedactedRequest.Of(withAuth), DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Null(await other.ClaimNextAsync([id], DateTimeOffset.UtcNow, CancellationToken.None));
        Assert.Null(await accepting.ClaimNextAsync([], DateTimeOffset.UtcNow, CancellationToken.None));
        var claimed = await accepting.ClaimNextAsync([id], DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.True(claimed is { Pinned: true } && claimed.Id == id);
        Assert.DoesNotContain("secret", claimed.Request.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SharedRateLimit_TwoInstancesRacingForOneKey_AllowExactlyTheLimit()
    {
        var limit = new WindowLimitOptions { Limit = 5, Window = TimeSpan.FromMinutes(10) };
        var counters = new[] { "rate-a", "rate-b" }
            .Select(name => Instance(name, TimeSpan.FromSeconds(30)).GetRequiredService<IRateLimitCounterFactory>().Create("client", limit))
            .ToList();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => counters[i % 2].TryAcquireAsync("203.0.113.9", CancellationToken.None).AsTask()));

        Assert.Equal(5, answers.Count(a => a is null));
        Assert.All(answers.Where(a => a is not null), wait => Assert.InRange(wait!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10)));
        Assert.Null(await counters[0].TryAcquireAsync("203.0.113.10", CancellationToken.None));
    }

    [Fact]
    public async Task RetentionSweep_WhileAnotherInstanceSweeps_SkipsThisRound()
    {
        var services = Instance("sweeper", TimeSpan.FromSeconds(30));
        var store = Store(services);
        var id = CheckId.New();
        var old = DateTimeOffset.UtcNow.AddDays(-40);
        await store.CreateAsync(id, "example.com", RedactedRequest.Of(Request), old, CancellationToken.None);
        await store.ClaimNextAsync([], old, CancellationToken.None);
        foreach (var e in Script())
        {
            await store.AppendAsync(id, e, CancellationToken.None);
        }

        var retention = new CheckRetention(services.GetRequiredService<IDbContextFactory<MailCheckDbContext>>());
        await using (var other = new NpgsqlConnection(_database))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", other, transaction))
            {
                take.Parameters.AddWithValue("key", CheckRetention.SweepLockKey);
                await take.ExecuteNonQueryAsync();
            }

            Assert.Equal(0, await retention.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None));
            Assert.NotNull(await store.GetAsync(id, CancellationToken.None));
        }

        Assert.Equal(1, await retention.DeleteFinishedBeforeAsync(DateTimeOffset.UtcNow.AddDays(-30), CancellationToken.None));
        Assert.Null(await store.GetAsync(id, CancellationToken.None));
    }

    private static IReadOnlyList<CheckEvent> Script()
    {
        var at = DateTimeOffset.UtcNow;
        return
        [
            new CheckEvent { Seq = 1, At = at, Elapsed = TimeSpan.Zero, Direction = EventDirection.Info, Kind = EventKind.Dns, Text = "MX example.com: 10 mx.example.com" },
            new CheckEvent { Seq = 2, At = at, Elapsed = TimeSpan.FromMilliseconds(5), Direction = EventDirection.Server, Kind = EventKind.Banner, Text = "220 mx.example.com", Code = 220 },
            OutcomeEvents.Create(3, at, TimeSpan.FromMilliseconds(9), CheckOutcome.Accepted, "Accepted"),
        ];
    }

    private static PostgresCheckStore Store(ServiceProvider services) => services.GetRequiredService<PostgresCheckStore>();

    /// <summary>The Postgres-mode services of one "instance" (its own id, lease and pool) on this test's database.</summary>
    private ServiceProvider Instance(string name, TimeSpan lease)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(Options.Create(new ScaleOptions { InstanceId = name, Lease = lease, Heartbeat = lease / 3 }));
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton(_ => NpgsqlDataSource.Create(_database));
        services.AddDbContextFactory<PostgresMailCheckDbContext>((sp, o) => o.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IDbContextFactory<MailCheckDbContext>, ProviderContextFactory<PostgresMailCheckDbContext>>();
        services.AddSingleton<IMigrationLock, PostgresMigrationLock>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<PostgresCheckStore>();
        services.AddSingleton<IRateLimitCounterFactory, PostgresRateLimitCounterFactory>();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
