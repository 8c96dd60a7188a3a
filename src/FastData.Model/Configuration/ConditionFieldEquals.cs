namespace FastData.Model.Configuration;

/// <summary><c>"TO_FIELD": "FROM_FIELD"</c>: the related record's field equals this record's field.</summary>
public sealed record ConditionFieldEquals(string ToField, string FromField) : ConditionNode;
