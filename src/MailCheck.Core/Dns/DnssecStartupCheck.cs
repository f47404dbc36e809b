using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MailCheck.Core.Dns;

/// <summary>
/// At start-up, asks whether the resolver validates (<see cref="DnssecResolver"/>) and says in the log whether MailCheck
/// can verify DNSSEC and DANE — a warning naming the reason when it cannot, never an error: the checks still run and
/// say the same on their results. Does not delay start-up.
/// </summary>
public sealed partial class DnssecStartupCheck(DnssecResolver resolver, ILogger<DnssecStartupCheck> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private int _disposed;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _running = Task.Run(() => ReportAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A host that is disposed without being stopped first (a test server torn down) disposes this before StopAsync.
        if (Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            await _running.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stop.Dispose();
        }
    }

    private async Task ReportAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await resolver.GetStatusAsync(cancellationToken).ConfigureAwait(false);
            if (status.Unverifiable is { } why)
            {
                LogUnverifiable(why);
            }
            else
            {
                LogVerifiable(status.Validation ?? "", status.TrustReason);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped before the resolver answered.
        }
#pragma warning disable CA1031 // A log line at start-up must not stop the host.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Why}")]
    private partial void LogUnverifiable(string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "DNSSEC and DANE can be verified: {Validation}; the AD flag is trusted because {Reason}")]
    private partial void LogVerifiable(string validation, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn whether the DNS resolver validates DNSSEC")]
    private partial void LogFailed(Exception exception);
}
