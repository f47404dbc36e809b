using System.Globalization;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using Npgsql;

namespace MailCheck.Web.Scale;

/// <summary>
/// One listening connection per instance (<c>LISTEN mailcheck_events, mailcheck_queue</c>): each
/// <c>checkId:seq</c> from another instance becomes an update on this instance's notifier, so its viewers read the
/// new events from the store (the only truth); each queued check wakes the local runner. When the connection is lost
/// it reconnects, then tells every local viewer to re-read the store (notifications sent meanwhile are gone) and the
/// runner to look at the queue. Readiness fails while it is not listening.
/// </summary>
public sealed partial class PostgresListener(
    NpgsqlDataSource database,
    ICheckNotifier notifier,
    SharedCheckQueue queue,
    ILogger<PostgresListener> logger) : BackgroundService
{
    /// <summary>An idle connection is probed this often, so a dead one is noticed.</summary>
    public static TimeSpan ProbeInterval { get; } = TimeSpan.FromSeconds(10);

    private volatile bool _listening;

    /// <summary>True while the LISTEN connection is up.</summary>
    public bool IsListening => _listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retry = TimeSpan.FromSeconds(1);
        var connectedBefore = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.OpenConnectionAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgresChannels.Events}; LISTEN {PostgresChannels.Queue};", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                _listening = true;
                retry = TimeSpan.FromSeconds(1);
                if (connectedBefore)
                {
                    LogReconnected(logger);
                    notifier.Resync();
                    queue.Wake();
                }

                connectedBefore = true;
                while (true)
                {
                    if (!await connection.WaitAsync(ProbeInterval, stoppingToken))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteScalarAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _listening = false;
                LogLost(logger, ex, retry);
                try
                {
                    await Task.Delay(retry, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, TimeSpan.FromSeconds(15).Ticks));
            }
            finally
            {
                _listening = false;
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        if (e.Channel == PostgresChannels.Queue)
        {
            queue.Wake();
            return;
        }

        var separator = e.Payload.LastIndexOf(':');
        if (e.Channel == PostgresChannels.Events && separator > 0
            && int.TryParse(e.Payload.AsSpan(separator + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var seq))
        {
            notifier.Publish(e.Payload[..separator], new CheckUpdate(CheckStatus.Running, null) { StoredSeq = seq });
        }
    }

    [LoggerMessage(EventId = 140, Level = LogLevel.Warning, Message = "The LISTEN connection to PostgreSQL failed; reconnecting in {Retry}")]
    private static partial void LogLost(ILogger logger, Exception exception, TimeSpan retry);

    [LoggerMessage(EventId = 141, Level = LogLevel.Information, Message = "The LISTEN connection to PostgreSQL is back; live viewers re-read the store")]
    private static partial void LogReconnected(ILogger logger);
}
