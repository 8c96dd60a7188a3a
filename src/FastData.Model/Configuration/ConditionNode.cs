using System.Text.Json;

namespace FastData.Model.Configuration;

/// <summary>
/// The body of an ER condition. It relates a record of the condition's <c>From</c> projection (the collection
/// that declares it in <c>outgoing</c>) to records of its <c>To</c> projection (the related collection).
/// </summary>
public abstract record ConditionNode;

/// <summary><c>"TO_FIELD": "FROM_FIELD"</c>: the related record's field equals this record's field.</summary>
public sealed record ConditionFieldEquals(string ToField, string FromField) : ConditionNode;

/// <summary><c>"TO_FIELD": "__string__[x]"</c> (or __integer__/__boolean__): the related record's field equals a constant.</summary>
public sealed record ConditionConstant(string ToField, JsonElement Value) : ConditionNode;

/// <summary>Every child holds (<c>$and</c>, or several keys in one object).</summary>
public sealed record ConditionAnd(IReadOnlyList<ConditionNode> Children) : ConditionNode;

/// <summary>At least one child holds (<c>$or</c>).</summary>
public sealed record ConditionOr(IReadOnlyList<ConditionNode> Children) : ConditionNode;
