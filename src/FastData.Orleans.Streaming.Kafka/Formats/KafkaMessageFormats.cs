namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>The message formats known to a provider: the built-in ones plus any registered, looked up by name.</summary>
public sealed class KafkaMessageFormats
{
    private readonly Dictionary<string, IKafkaMessageFormat> _byName = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the registry with the built-in formats and <paramref name="custom"/> ones (which may replace them).</summary>
    public KafkaMessageFormats(IEnumerable<IKafkaMessageFormat>? custom = null)
    {
        Register(new DebeziumMessageFormat());
        Register(new GoldenGateMessageFormat());
        Register(new BasicMessageFormat());
        foreach (var format in custom ?? [])
        {
            Register(format);
        }
    }

    /// <summary>The registered names.</summary>
    public IEnumerable<string> Names => _byName.Keys;

    /// <summary>Finds a format by name.</summary>
    public bool TryGet(string name, out IKafkaMessageFormat format) => _byName.TryGetValue(name, out format!);

    private void Register(IKafkaMessageFormat format)
    {
        ArgumentNullException.ThrowIfNull(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(format.Name);
        _byName[format.Name] = format;
    }
}
