using MailCheck.Core.Documents;
using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Data;
using MailCheck.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>
/// The store shared by N instances on PostgreSQL: the checks table is also the queue. A check is claimed with
/// <c>FOR UPDATE SKIP LOCKED</c> (committed before anything is sent) and held under a lease that its instance renews;
/// only the holder may append events, and each append sends <c>NOTIFY mailcheck_events 'checkId:seq'</c> inside its
/// transaction. A check whose lease ended is recorded as interrupted by whichever instance sees it first, and is never
/// queued again: a check is never sent twice. Start-up and shutdown touch only this instance's own checks.
/// </summary>
public sealed class PostgresCheckStore(
    IDbContextFactory<MailCheckDbContext> contexts,
    NpgsqlDataSource database,
    InstanceIdentity instance,
    IOptions<ScaleOptions> scale) : EfCheckStore(contexts)
{
    private const string Owner = PostgresMailCheckDbContext.Owner;
    private const string Lease = PostgresMailCheckDbContext.LeaseExpiresAt;
    private const string Pinned = PostgresMailCheckDbContext.Pinned;

    private long LeaseMs => (long)scale.Value.Lease.TotalMilliseconds;

    /// <summary>
    /// Records a queued check. One with AUTH credentials is pinned to this instance (the password is only in this
    /// process's memory) and held under a lease from the start; any other is free for every instance to take.
    /// </summary>
    public override async Task CreateAsync(string id, string domain, RedactedRequest request, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var record = new CheckRecord
        {
            Id = id,
            Domain = domain,
            Mode = request.Mode,
            Status = CheckStatus.Queued,
            CreatedAt = createdAt,
            RequestJson = JsonSerializer.Serialize(request, MailCheckJson.Options),
        };
        db.Checks.Add(record);
        var pinned = request.Auth is not null;
        if (pinned)
        {
            db.Entry(record).Property(Pinned).CurrentValue = true;
            db.Entry(record).Property(Owner).CurrentValue = instance.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        if (pinned)
        {
            await db.Database.ExecuteSqlRawAsync(
                $"UPDATE \"Checks\" SET \"{Lease}\" = {DbClock.NowMs} + {{0}} WHERE \"Id\" = {{1}}", [LeaseMs, id], cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync("SELECT pg_notify({0}, {1})", [PostgresChannels.Queue, id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>One transaction per write: row locks let instances and checks write side by side, and each append notifies.</summary>
    protected override bool GroupCommit => false;

    /// <summary>Only the instance holding a running check may append to it.</summary>
    protected override IQueryable<CheckRecord> Appendable(IQueryable<CheckRecord> check) =>
        check.Where(c => c.Status == CheckStatus.Running && EF.Property<string>(c, Owner) == instance.Id);

    protected override async Task AppendedAsync(MailCheckDbContext db, string id, int seq, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(
            "SELECT pg_notify({0}, {1})", [PostgresChannels.Events, $"{id}:{seq.ToString(System.Globalization.CultureInfo.InvariantCulture)}"], cancellationToken);
    }

    /// <summary>Checks waiting anywhere (the queue is shared).</summary>
    public async Task<int> CountQueuedAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT count(*) FROM \"Checks\" WHERE \"Status\" = 'Queued'");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Takes the oldest queued check nobody else is taking (<c>SKIP LOCKED</c>): free ones, and pinned ones only when
    /// this instance holds their credentials (<paramref name="pinnedHere"/>). The claim — status, owner, lease — is
    /// committed when this returns, before any DNS query or connection.
    /// </summary>
    public async Task<ClaimedCheck?> ClaimNextAsync(IReadOnlyCollection<string> pinnedHere, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pinnedHere);
        await using var command = database.CreateCommand($"""
            UPDATE "Checks" SET "Status" = 'Running', "{Owner}" = @me, "StartedAt" = @started, "{Lease}" = {DbClock.NowMs} + @lease
            WHERE "Id" = (
                SELECT "Id" FROM "Checks"
                WHERE "Status" = 'Queued' AND (NOT "{Pinned}" OR ("{Owner}" = @me AND "Id" = ANY(@pinned)))
                ORDER BY "CreatedAt", "Id"
                LIMIT 1
                FOR UPDATE SKIP LOCKED)
            RETURNING "Id", "RequestJson", "{Pinned}"
            """);
        command.Parameters.AddWithValue("me", instance.Id);
        command.Parameters.AddWithValue("started", startedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("lease", LeaseMs);
        command.Parameters.AddWithValue("pinned", pinnedHere.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var request = JsonSerializer.Deserialize<RedactedRequest>(reader.GetString(1), MailCheckJson.Options) ?? new RedactedRequest();
        return new ClaimedCheck(reader.GetString(0), request, reader.GetBoolean(2));
    }

    /// <summary>
    /// Renews the lease of every check this instance holds whose lease has not ended yet, and returns their ids. A
    /// check missing from the answer is no longer held (its lease ended: it is, or is about to be, interrupted).
    /// </summary>
    public async Task<IReadOnlySet<string>> RenewLeasesAsync(CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE "Checks" SET "{Lease}" = {DbClock.NowMs} + @lease
            WHERE "{Owner}" = @me AND "Status" <> 'Finished' AND "{Lease}" >= {DbClock.NowMs}
            RETURNING "Id"
            """);
        command.Parameters.AddWithValue("me", instance.Id);
        command.Parameters.AddWithValue("lease", LeaseMs);
        var held = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            held.Add(reader.GetString(0));
        }

        return held;
    }

    /// <summary>
    /// The gate before DATA: true when this instance still holds the running check, whose lease it renews for a full
    /// term at the same moment (the message then has a whole lease to go out in).
    /// </summary>
    public async Task<bool> ConfirmHoldAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand($"""
            UPDATE "Checks" SET "{Lease}" = {DbClock.NowMs} + @lease
            WHERE "Id" = @id AND "{Owner}" = @me AND "Status" = 'Running' AND "{Lease}" >= {DbClock.NowMs}
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("me", instance.Id);
        command.Parameters.AddWithValue("lease", LeaseMs);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Records as interrupted every unfinished check whose lease ended (its instance died, or lost the database for
    /// longer than a lease), skipping rows another instance is recording right now. Never re-queues anything.
    /// Receive checks are left out here and below: they wait for a message, not a runner, and the receive sweep ends
    /// them or judges their message again when the instance holding one died (Receive/ReceiveService).
    /// </summary>
    public Task<IReadOnlyList<ExpiredCheck>> InterruptExpiredAsync(DateTimeOffset at, CancellationToken cancellationToken) =>
        InterruptAsync(
            $"SELECT * FROM \"Checks\" WHERE \"Status\" <> 'Finished' AND \"Mode\" <> 'Receive' AND \"{Lease}\" < {DbClock.NowMs} ORDER BY \"Id\" FOR UPDATE SKIP LOCKED",
            [],
            at,
            ExpiredSummary,
            cancellationToken);

    /// <summary>
    /// Start-up and shutdown: only the checks this instance holds (running, or queued with credentials only it had).
    /// Checks queued for anyone are left for the other instances.
    /// </summary>
    public override async Task<int> InterruptUnfinishedAsync(string summary, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await InterruptAsync(
            $"SELECT * FROM \"Checks\" WHERE \"Status\" <> 'Finished' AND \"Mode\" <> 'Receive' AND \"{Owner}\" = {{0}} ORDER BY \"Id\" FOR UPDATE",
            [instance.Id],
            at,
            (_, _) => summary,
            cancellationToken)).Count;

    /// <summary>Shutdown: the checks with credentials that waited here and will not run (no other instance can run them).</summary>
    public async Task<int> InterruptQueuedHereAsync(string summary, DateTimeOffset at, CancellationToken cancellationToken) =>
        (await InterruptAsync(
            $"SELECT * FROM \"Checks\" WHERE \"Status\" = 'Queued' AND \"{Owner}\" = {{0}} ORDER BY \"Id\" FOR UPDATE",
            [instance.Id],
            at,
            (_, _) => summary,
            cancellationToken)).Count;

    private async Task<IReadOnlyList<ExpiredCheck>> InterruptAsync(
        string select, object[] parameters, DateTimeOffset at, Func<CheckRecord, string?, string> summaryOf, CancellationToken cancellationToken)
    {
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Checks.FromSqlRaw(select, parameters).ToListAsync(cancellationToken);
        var done = new List<ExpiredCheck>(rows.Count);
        foreach (var check in rows)
        {
            var owner = db.Entry(check).Property<string?>(Owner).CurrentValue;
            var summary = summaryOf(check, owner);
            var outcome = OutcomeEvents.Create(check.LastSeq + 1, at, at - (check.StartedAt ?? check.CreatedAt), CheckOutcome.Interrupted, summary);
            db.Events.Add(new CheckEventRecord
            {
                CheckId = check.Id,
                Seq = outcome.Seq,
                Kind = outcome.Kind,
                At = at,
                Json = JsonSerializer.Serialize(outcome, MailCheckJson.Options),
            });
            check.LastSeq = outcome.Seq;
            check.Status = CheckStatus.Finished;
            check.Outcome = CheckOutcome.Interrupted;
            check.Summary = summary.Length > 2000 ? summary[..2000] : summary;
            check.FinishedAt = at;
            db.Entry(check).Property<long?>(Lease).CurrentValue = null;
            done.Add(new ExpiredCheck(check.Id, outcome.Seq, owner));
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var check in done)
        {
            await AppendedAsync(db, check.Id, check.Seq, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private static string ExpiredSummary(CheckRecord check, string? owner)
    {
        var who = owner is null ? "The MailCheck instance holding this check" : $"MailCheck instance {owner}";
        return check.StartedAt is null
            ? $"{who} stopped before this check could run. It carried AUTH credentials, which only that instance held, so no other instance ran it."
            : $"{who} stopped answering while it ran this check (its lease ended); another instance recorded it as interrupted. It was not run again.";
    }
}
