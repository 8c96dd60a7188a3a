using System.Globalization;

namespace FastData.Samples.Retail;

/// <summary>Options of <see cref="RetailEventGenerator"/>. The same options give the same byte sequence.</summary>
public sealed class RetailGeneratorOptions
{
    /// <summary>The largest accepted <see cref="TargetEventBytes"/> (4 MiB).</summary>
    public const int MaxTargetEventBytes = 4 * 1024 * 1024;

    /// <summary>The seed of the pseudo-random sequence.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Customers in the initial snapshot.</summary>
    public int Customers { get; set; } = 1_000;

    /// <summary>Products in the initial snapshot.</summary>
    public int Products { get; set; } = 200;

    /// <summary>Probability that a customer of the snapshot, or a new customer, has an address.</summary>
    public double AddressProbability { get; set; } = 0.9;

    /// <summary>Fewest orders per snapshot customer.</summary>
    public int MinOrdersPerCustomer { get; set; }

    /// <summary>Most orders per snapshot customer.</summary>
    public int MaxOrdersPerCustomer { get; set; } = 4;

    /// <summary>Fewest items per order (snapshot and new orders).</summary>
    public int MinItemsPerOrder { get; set; } = 1;

    /// <summary>Most items per order (snapshot and new orders).</summary>
    public int MaxItemsPerOrder { get; set; } = 5;

    /// <summary>
    /// Logical changes after the snapshot; each emits one or more records (a new order also emits its items, a
    /// delete its tombstone). <see langword="null"/> generates forever.
    /// </summary>
    public long? ChangeEvents { get; set; } = 10_000;

    /// <summary>Relative weight of inserts in the change mix.</summary>
    public double InsertWeight { get; set; } = 30;

    /// <summary>Relative weight of plain updates (no key or foreign-key change) in the change mix.</summary>
    public double UpdateWeight { get; set; } = 45;

    /// <summary>Relative weight of deletes in the change mix.</summary>
    public double DeleteWeight { get; set; } = 10;

    /// <summary>
    /// Relative weight of foreign-key moves in the change mix: an order moves to another customer, an address
    /// to another customer, an item to another product (in equal shares).
    /// </summary>
    public double ForeignKeyMoveWeight { get; set; } = 15;

    /// <summary>
    /// Fraction (0-1) of changes that change a primary key (an address id or an item line number), emitted as
    /// Debezium does: delete, tombstone, create.
    /// </summary>
    public double PrimaryKeyChangeRate { get; set; }

    /// <summary>Fraction (0-1) of changes that instead re-emit the previous record exactly.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>
    /// Fraction (0-1) of changes that instead re-emit an earlier record (one of the last
    /// <see cref="ReplayWindow"/>) with its original value and source LSN.
    /// </summary>
    public double ReplayRate { get; set; }

    /// <summary>How many recent records a replay can choose from.</summary>
    public int ReplayWindow { get; set; } = 10_000;

    /// <summary>
    /// Approximate size in bytes of each record value, reached by padding <c>NOTES</c>; 0 leaves
    /// <c>NOTES</c> as realistic short text or null.
    /// </summary>
    public int TargetEventBytes { get; set; }

    /// <summary>
    /// Emit the initial snapshot as Debezium snapshot reads (<c>op = "r"</c>, <c>source.snapshot = "true"</c> and
    /// <c>"last"</c> on the final one) rather than as creates (<c>op = "c"</c>, <c>source.snapshot = "false"</c>).
    /// </summary>
    public bool SnapshotAsRead { get; set; } = true;

    /// <summary>Source time of the first record (epoch milliseconds); default 2026-01-01T00:00:00Z.</summary>
    public long StartTimestampMs { get; set; } = 1_767_225_600_000;

    /// <summary>Mean time between two changes, in milliseconds of source time.</summary>
    public int MeanChangeIntervalMs { get; set; } = 20;

    /// <summary>Returns every problem with these options, each naming the option; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        RequireAtLeast(errors, nameof(Customers), Customers, 1);
        RequireAtLeast(errors, nameof(Products), Products, 1);
        RequireFraction(errors, nameof(AddressProbability), AddressProbability);
        RequireAtLeast(errors, nameof(MinOrdersPerCustomer), MinOrdersPerCustomer, 0);
        RequireAtLeast(errors, nameof(MaxOrdersPerCustomer), MaxOrdersPerCustomer, MinOrdersPerCustomer);
        RequireAtLeast(errors, nameof(MinItemsPerOrder), MinItemsPerOrder, 1);
        RequireAtLeast(errors, nameof(MaxItemsPerOrder), MaxItemsPerOrder, MinItemsPerOrder);
        if (ChangeEvents is < 0)
        {
            errors.Add(Format(nameof(ChangeEvents), "must be 0 or more, or null for an endless stream", ChangeEvents));
        }

        RequireWeight(errors, nameof(InsertWeight), InsertWeight);
        RequireWeight(errors, nameof(UpdateWeight), UpdateWeight);
        RequireWeight(errors, nameof(DeleteWeight), DeleteWeight);
        RequireWeight(errors, nameof(ForeignKeyMoveWeight), ForeignKeyMoveWeight);
        if (InsertWeight + UpdateWeight + DeleteWeight + ForeignKeyMoveWeight is not > 0)
        {
            errors.Add("RetailGeneratorOptions: the sum of InsertWeight, UpdateWeight, DeleteWeight and " +
                "ForeignKeyMoveWeight must be greater than 0.");
        }

        RequireFraction(errors, nameof(PrimaryKeyChangeRate), PrimaryKeyChangeRate);
        RequireFraction(errors, nameof(DuplicateRate), DuplicateRate);
        RequireFraction(errors, nameof(ReplayRate), ReplayRate);
        if (PrimaryKeyChangeRate + DuplicateRate + ReplayRate > 1)
        {
            errors.Add("RetailGeneratorOptions: PrimaryKeyChangeRate + DuplicateRate + ReplayRate must not exceed 1 " +
                $"(was {(PrimaryKeyChangeRate + DuplicateRate + ReplayRate).ToString(CultureInfo.InvariantCulture)}).");
        }

        RequireAtLeast(errors, nameof(ReplayWindow), ReplayWindow, 1);
        if (TargetEventBytes is < 0 or > MaxTargetEventBytes)
        {
            errors.Add(Format(nameof(TargetEventBytes), $"must be between 0 and {MaxTargetEventBytes}", TargetEventBytes));
        }

        if (StartTimestampMs < 0)
        {
            errors.Add(Format(nameof(StartTimestampMs), "must not be negative", StartTimestampMs));
        }

        RequireAtLeast(errors, nameof(MeanChangeIntervalMs), MeanChangeIntervalMs, 0);
        return errors;
    }

    private static void RequireAtLeast(List<string> errors, string option, long value, long minimum)
    {
        if (value < minimum)
        {
            errors.Add(Format(option, $"must be at least {minimum}", value));
        }
    }

    private static void RequireFraction(List<string> errors, string option, double value)
    {
        if (!(value is >= 0 and <= 1))
        {
            errors.Add(Format(option, "must be between 0 and 1", value));
        }
    }

    private static void RequireWeight(List<string> errors, string option, double value)
    {
        if (!(value >= 0) || double.IsInfinity(value))
        {
            errors.Add(Format(option, "must be a finite number of 0 or more", value));
        }
    }

    private static string Format(string option, string rule, object? value) =>
        string.Create(CultureInfo.InvariantCulture, $"RetailGeneratorOptions.{option} {rule} (was {value ?? "null"}).");
}
