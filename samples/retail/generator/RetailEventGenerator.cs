namespace FastData.Samples.Retail;

/// <summary>
/// Generates the Debezium change events of a simulated retail database: an initial snapshot, then a seeded mix
/// of inserts, updates, deletes, foreign-key moves, primary-key changes, duplicates and replays.
/// </summary>
/// <remarks>
/// The sequence is lazy and depends only on the options: the same options give byte-identical records.
/// Each enumeration of the sequence <see cref="Generate"/> returns starts a fresh, independent run.
/// </remarks>
public sealed class RetailEventGenerator
{
    private readonly RetailGeneratorOptions _options;

    /// <summary>Creates a generator; copies the options so later changes to them do not affect it.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public RetailEventGenerator(RetailGeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "Invalid retail generator options:" + Environment.NewLine + string.Join(Environment.NewLine, errors),
                nameof(options));
        }

        _options = Copy(options);
    }

    /// <summary>The options this generator runs with.</summary>
    public RetailGeneratorOptions Options => Copy(_options);

    /// <summary>Streams the records: the snapshot first, then <see cref="RetailGeneratorOptions.ChangeEvents"/> changes.</summary>
    public IEnumerable<CdcRecord> Generate() => new RetailEventSequence(_options);

    private static RetailGeneratorOptions Copy(RetailGeneratorOptions source) => new()
    {
        Seed = source.Seed,
        Customers = source.Customers,
        Products = source.Products,
        AddressProbability = source.AddressProbability,
        MinOrdersPerCustomer = source.MinOrdersPerCustomer,
        MaxOrdersPerCustomer = source.MaxOrdersPerCustomer,
        MinItemsPerOrder = source.MinItemsPerOrder,
        MaxItemsPerOrder = source.MaxItemsPerOrder,
        ChangeEvents = source.ChangeEvents,
        InsertWeight = source.InsertWeight,
        UpdateWeight = source.UpdateWeight,
        DeleteWeight = source.DeleteWeight,
        ForeignKeyMoveWeight = source.ForeignKeyMoveWeight,
        PrimaryKeyChangeRate = source.PrimaryKeyChangeRate,
        DuplicateRate = source.DuplicateRate,
        ReplayRate = source.ReplayRate,
        ReplayWindow = source.ReplayWindow,
        TargetEventBytes = source.TargetEventBytes,
        SnapshotAsRead = source.SnapshotAsRead,
        StartTimestampMs = source.StartTimestampMs,
        MeanChangeIntervalMs = source.MeanChangeIntervalMs,
    };
}
