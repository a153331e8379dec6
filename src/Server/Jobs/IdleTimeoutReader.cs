using Grpc.Core;

namespace GisBridge.Server.Jobs;

/// <summary>
/// A request stream whose every read waits at most <paramref name="idle"/> for the next message: a client that stops
/// sending mid-input, without ending its stream, gets ABORTED naming the timeout instead of holding the call open.
/// ABORTED, not DEADLINE_EXCEEDED: the client's own deadline did not pass, the job should be sent again as a whole.
/// </summary>
public sealed class IdleTimeoutReader<T>(IAsyncStreamReader<T> inner, TimeSpan idle) : IAsyncStreamReader<T>
{
    public T Current => inner.Current;

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(idle);
        try
        {
            return await inner.MoveNext(timer.Token);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Stalled(idle);
        }
    }

    public static RpcException Stalled(TimeSpan idle) => new(new Status(StatusCode.Aborted,
        $"request stream: no message for {idle.TotalSeconds:0.###} s while the job read its options and inputs " +
        "(the server's --input-idle-timeout); send the inputs without pauses and end the stream when done"));
}
