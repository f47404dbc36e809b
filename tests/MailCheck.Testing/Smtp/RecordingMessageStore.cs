using System.Buffers;
using System.Globalization;
using System.Net;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MailCheck.Testing.Smtp;

/// <summary>Keeps every accepted message in memory and wakes whoever waits for one.</summary>
internal sealed class RecordingMessageStore : MessageStore
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedMessage> _messages = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var localEndPoint = context.Properties.TryGetValue(EndpointListener.LocalEndPointKey, out var local) ? local as IPEndPoint : null;
        var message = new ReceivedMessage(
            transaction.From is { } from && !string.IsNullOrEmpty(from.User) ? from.AsAddress() : "",
            [.. transaction.To.Select(t => t.AsAddress())],
            buffer.ToArray(),
            localEndPoint,
            context.Pipe?.IsSecure ?? false,
            context.Authentication.IsAuthenticated ? context.Authentication.User : null);

        int count;
        TaskCompletionSource changed;
        lock (_gate)
        {
            _messages.Add(message);
            count = _messages.Count;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();
        var queueId = "Q" + count.ToString("D6", CultureInfo.InvariantCulture);
        return Task.FromResult(new SmtpResponse(SmtpReplyCode.Ok, $"2.0.0 Ok: queued as {queueId}"));
    }

    public async Task<ReceivedMessage> WaitAsync(Func<ReceivedMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        while (true)
        {
            Task signal;
            lock (_gate)
            {
                var found = _messages.FirstOrDefault(predicate);
                if (found is not null)
                {
                    return found;
                }

                signal = _changed.Task;
            }

            try
            {
                await signal.WaitAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No matching message arrived within {timeout.TotalSeconds:0.#} s; {Messages.Count} message(s) received in all.");
            }
        }
    }
}
