namespace FastData.Samples.Retail;

/// <summary>A Debezium topic of the retail sample.</summary>
/// <param name="Name">The Kafka topic name.</param>
/// <param name="Table">The source table (and projection) name.</param>
/// <param name="KeyFields">The primary-key columns in declaration order.</param>
/// <param name="SuggestedPartitions">A partition count that suits the table's share of the traffic.</param>
public sealed record RetailTopic(string Name, string Table, IReadOnlyList<string> KeyFields, int SuggestedPartitions);
