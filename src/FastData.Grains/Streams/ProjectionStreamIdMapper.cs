using FastData.Grains.Abstractions;
using Orleans.Metadata;
using Orleans.Streams;

namespace FastData.Grains.Streams;

/// <summary>
/// Maps a projection stream (namespace = projection, key = record key) to the projection grain "projection/key":
/// Orleans' default mapper would use the record key alone, and records of two projections share keys.
/// </summary>
public sealed class ProjectionStreamIdMapper : IStreamIdMapper
{
    public const string Name = "fastdata-projection";

    public IdSpan GetGrainKeyId(GrainBindings grainBindings, StreamId streamId)
    {
        var ns = streamId.Namespace.Span;
        var key = streamId.Key.Span;
        var bytes = new byte[ns.Length + 1 + key.Length];
        ns.CopyTo(bytes);
        bytes[ns.Length] = (byte)GrainKeys.Separator;
        key.CopyTo(bytes.AsSpan(ns.Length + 1));
        return new IdSpan(bytes);
    }

    /// <summary>The grain key <see cref="GetGrainKeyId"/> gives, for code that addresses the grain directly.</summary>
    public static string GrainKey(string projection, string recordKey) => GrainKeys.Compose(projection, recordKey);

}
