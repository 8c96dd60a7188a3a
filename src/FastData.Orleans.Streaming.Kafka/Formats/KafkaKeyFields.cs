using System.Text;

namespace FastData.Orleans.Streaming.Kafka.Formats;

/// <summary>The ordered primary-key field names of a topic's records, pre-encoded for allocation-free matching.</summary>
public sealed class KafkaKeyFields
{
    /// <summary>Creates the key field list.</summary>
    public KafkaKeyFields(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("At least one primary-key field is required.", nameof(names));
        }

        Names = names.ToArray();
        Utf8Names = Names.Select(Encoding.UTF8.GetBytes).ToArray();
    }

    /// <summary>The field names in declared order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The number of fields.</summary>
    public int Count => Names.Count;

    internal byte[][] Utf8Names { get; }

    /// <summary>Creates the key field list from names.</summary>
    public static KafkaKeyFields Of(params string[] names) => new(names);

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", Names);
}
