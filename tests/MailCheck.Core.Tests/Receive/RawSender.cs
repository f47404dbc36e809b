using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MailCheck.Core.Tests.Receive;

/// <summary>A sender that writes exactly the bytes a test gives (bare LFs, pipelined commands, one byte at a time) from a chosen loopback address.</summary>
internal sealed class RawSender : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSender(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8, false, 1024, leaveOpen: true);
    }

    public static async Task<(RawSender Sender, string Banner)> ConnectAsync(IPEndPoint server, IPAddress? source = null)
    {
        var tcp = new TcpClient(new IPEndPoint(source ?? ReceiveLab.Listed, 0));
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await tcp.ConnectAsync(server, bounded.Token);
        var sender = new RawSender(tcp);
        return (sender, await sender.ReadReplyAsync());
    }

    public NetworkStream Stream => _stream;

    public async Task WriteAsync(string text)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), bounded.Token);
    }

    public async Task<string> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    /// <summary>One reply (lines joined with "\n"), bounded by <paramref name="seconds"/>.</summary>
    public async Task<string> ReadReplyAsync(int seconds = 10)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var lines = new List<string>();
        while (true)
        {
            var line = await _reader.ReadLineAsync(bounded.Token) ?? throw new EndOfStreamException("Connection closed.");
            lines.Add(line);
            if (line.Length < 4 || line[3] != '-')
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>True when the server closed the connection (reads end) within <paramref name="seconds"/>.</summary>
    public async Task<bool> ClosedAsync(int seconds = 10)
    {
        using var bounded = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            while (await _reader.ReadLineAsync(bounded.Token) is not null)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
