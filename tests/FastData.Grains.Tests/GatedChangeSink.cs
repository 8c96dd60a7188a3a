using System.Collections.Concurrent;
using FastData.Grains.Pipeline;

namespace FastData.Grains.Tests;

/// <summary>A change sink whose announcements of a document can be held until released, or made to fail once.</summary>
public sealed class GatedChangeSink : ISingleViewChangeSink
{
    private readonly ConcurrentQueue<SingleViewChange> _published = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _failNext = new(StringComparer.Ordinal);

    public IReadOnlyCollection<SingleViewChange> Published => _published;

    /// <summary>Holds every announcement of <paramref name="documentId"/> until <see cref="Release"/>.</summary>
    public void Hold(string documentId) =>
        _gates[documentId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(string documentId) => _gates[documentId].TrySetResult();

    /// <summary>The next announcement of <paramref name="documentId"/> throws, as a broker that is down would.</summary>
    public void FailNext(string documentId) => _failNext[documentId] = true;

    public async ValueTask PublishAsync(SingleViewChange change, CancellationToken cancellationToken)
    {
        if (_gates.TryGetValue(change.DocumentId, out var gate))
        {
            await gate.Task.ConfigureAwait(false);
        }

        if (_failNext.TryRemove(change.DocumentId, out _))
        {
            throw new InvalidOperationException("the broker is unavailable (test)");
        }

        _published.Enqueue(change);
    }
}
