/// The parsed form of a `--where` expression.
indirect enum FilterNode: Sendable {
    case and(FilterNode, FilterNode)
    case or(FilterNode, FilterNode)
    case not(FilterNode)
    /// `COL op literal` (a literal on the left is flipped to the right when parsing).
    case compare(FilterColumnRef, FilterComparison, FilterLiteral)
    /// `COL op COL`.
    case compareColumns(FilterColumnRef, FilterComparison, FilterColumnRef)
    /// `COL in [a, b]`, `COL not in [a, b]`.
    case member(FilterColumnRef, [FilterLiteral], negated: Bool)
    /// `COL is missing`, `COL is not missing`.
    case isMissing(FilterColumnRef, negated: Bool)
}

/// A column named in the expression, with where it was written (for error carets).
struct FilterColumnRef: Sendable {
    var key: KeySpec
    var position: Int
}

/// A literal value in the expression.
struct FilterLiteral: Sendable {
    enum Value: Sendable {
        case number(Double)
        case string(String)
        case date(Int32, DatePrecision)
        case boolean(Bool)
    }
    var value: Value
    /// As written (numbers and dates), so a number can be compared with a text column by its text.
    var text: String
    var position: Int
}

/// Recursive descent over the grammar (lowest precedence first):
///
/// ```
/// expr       := and ("or" and)*
/// and        := unary ("and" unary)*
/// unary      := "not" unary | "(" expr ")" | comparison
/// comparison := COL op (literal | COL) | literal op COL
///             | COL ["not"] "in" ("[" | "(") literal ("," literal)* ("]" | ")")
///             | COL "is" ["not"] "missing"
/// ```
struct FilterParser {
    /// Deepest nesting accepted (`not`, parentheses, and the length of an and/or chain, which nests
    /// in the tree): far above what a person writes, far below what overflows the stack (a
    /// `--where` of 10,000 `not`s or 20,000 parentheses did). Named in `--where`'s help.
    static let maxDepth = 500

    let expression: String
    private let tokens: [FilterToken]
    private var i = 0
    private var nesting = 0

    init(_ expression: String) throws(FilterError) {
        self.expression = expression
        var lexer = FilterLexer(expression)
        self.tokens = try lexer.tokens()
    }

    mutating func parse() throws(FilterError) -> FilterNode {
        if tokens.first?.kind == .end { throw FilterError(message: "the expression is empty", expression: expression, position: 1) }
        let node = try parseOr()
        if current.kind != .end {
            throw error("unexpected \(describe(current)) after a complete condition", hint: "join conditions with and / or")
        }
        if node.depth > Self.maxDepth { throw tooDeep() }
        return node
    }

    private var current: FilterToken { tokens[i] }
    private mutating func advance() -> FilterToken { defer { i += 1 }; return tokens[i] }

    private func error(_ message: String, at token: FilterToken? = nil, hint: String? = nil) -> FilterError {
        FilterError(message: message, expression: expression, position: (token ?? current).position, hint: hint)
    }

    private func isKeyword(_ k: String, _ offset: Int = 0) -> Bool {
        i + offset < tokens.count && tokens[i + offset].kind == .keyword(k)
    }

    private func describe(_ t: FilterToken) -> String {
        switch t.kind {
        case .identifier(let s): "column name \"\(s)\""
        case .string(let s): "text '\(s)'"
        case .number(_, let text): "number \(text)"
        case .date(_, _, let text): "date \(text)"
        case .keyword(let k): "\"\(k)\""
        case .op(let o): "\"\(o.rawValue)\""
        case .leftParen: "\"(\""
        case .rightParen: "\")\""
        case .leftBracket: "\"[\""
        case .rightBracket: "\"]\""
        case .comma: "\",\""
        case .end: "the end of the expression"
        }
    }

    private mutating func parseOr() throws(FilterError) -> FilterNode {
        var left = try parseAnd()
        while isKeyword("or") { i += 1; left = .or(left, try parseAnd()) }
        return left
    }

    private mutating func parseAnd() throws(FilterError) -> FilterNode {
        var left = try parseUnary()
        while isKeyword("and") { i += 1; left = .and(left, try parseUnary()) }
        return left
    }

    private func tooDeep() -> FilterError {
        error("the expression nests deeper than \(Self.maxDepth) levels (not, parentheses, and/or chains)",
              hint: "write the condition flatter, e.g. x in [a, b, c] instead of a chain of x = a or x = b …")
    }

    private mutating func parseUnary() throws(FilterError) -> FilterNode {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > Self.maxDepth { throw tooDeep() }
        if isKeyword("not") { i += 1; return .not(try parseUnary()) }
        if current.kind == .leftParen {
            let open = advance()
            let inner = try parseOr()
            guard current.kind == .rightParen else {
                throw error("expected \")\" to close the \"(\" at character \(open.position), found \(describe(current))")
            }
            i += 1
            return inner
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(FilterError) -> FilterNode {
        let first = advance()
        if let lit = literal(first) {
            // literal op COL
            guard case .op(let op) = current.kind else {
                throw error("expected a comparison (= != < <= > >=) after \(describe(first)), found \(describe(current))", hint: "a condition starts with a column name, e.g. year >= 2015")
            }
            i += 1
            let colToken = advance()
            guard case .identifier(let name) = colToken.kind else {
                throw error("expected a column name after \"\(op.rawValue)\", found \(describe(colToken))", at: colToken)
            }
            return .compare(FilterColumnRef(key: KeySpec(name), position: colToken.position), op.flipped, lit)
        }
        guard case .identifier(let name) = first.kind else {
            throw error("expected a column name, found \(describe(first))", at: first,
                        hint: first.kind == .end ? nil : "a keyword used as a column name goes in backticks: `\(describe(first))`")
        }
        let column = FilterColumnRef(key: KeySpec(name), position: first.position)
        switch current.kind {
        case .op(let op):
            i += 1
            let rhs = advance()
            if let lit = literal(rhs) { return .compare(column, op, lit) }
            if case .identifier(let other) = rhs.kind {
                return .compareColumns(column, op, FilterColumnRef(key: KeySpec(other), position: rhs.position))
            }
            throw error("expected a value or a column after \"\(op.rawValue)\", found \(describe(rhs))", at: rhs)
        case .keyword("in"):
            i += 1
            return .member(column, try parseList(), negated: false)
        case .keyword("not") where isKeyword("in", 1):
            i += 2
            return .member(column, try parseList(), negated: true)
        case .keyword("is"):
            i += 1
            var negated = false
            if isKeyword("not") { negated = true; i += 1 }
            guard isKeyword("missing") else { throw error("expected \"missing\" after \"is\(negated ? " not" : "")\", found \(describe(current))") }
            i += 1
            return .isMissing(column, negated: negated)
        default:
            throw error("expected a comparison (= != < <= > >=), in, or is missing after \(describe(first)), found \(describe(current))",
                        hint: current.kind == .end ? nil : "a column name with spaces or symbols goes in backticks: `\(name) …`")
        }
    }

    private mutating func parseList() throws(FilterError) -> [FilterLiteral] {
        let open = advance()
        let close: FilterToken.Kind
        switch open.kind {
        case .leftBracket: close = .rightBracket
        case .leftParen: close = .rightParen
        default: throw error("expected \"[\" to start the list after in, found \(describe(open))", at: open, hint: "province in ['陕西省','四川省']")
        }
        var items: [FilterLiteral] = []
        if current.kind == close { throw error("the list is empty") }
        while true {
            let t = advance()
            guard let lit = literal(t) else { throw error("expected a value in the list, found \(describe(t))", at: t, hint: "quote text values: 'a'") }
            items.append(lit)
            if current.kind == .comma { i += 1; continue }
            if current.kind == close { i += 1; return items }
            throw error("expected \",\" or the end of the list, found \(describe(current))")
        }
    }

    private func literal(_ t: FilterToken) -> FilterLiteral? {
        switch t.kind {
        case .string(let s): FilterLiteral(value: .string(s), text: s, position: t.position)
        case .number(let v, let text): FilterLiteral(value: .number(v), text: text, position: t.position)
        case .date(let d, let p, let text): FilterLiteral(value: .date(d, p), text: text, position: t.position)
        case .keyword("true"): FilterLiteral(value: .boolean(true), text: "true", position: t.position)
        case .keyword("false"): FilterLiteral(value: .boolean(false), text: "false", position: t.position)
        default: nil
        }
    }
}

extension FilterNode {
    /// Height of the tree, counted without recursion (it is what the limit protects).
    var depth: Int {
        var stack: [(FilterNode, Int)] = [(self, 1)]
        var deepest = 0
        while let (node, d) = stack.popLast() {
            deepest = Swift.max(deepest, d)
            switch node {
            case .and(let a, let b), .or(let a, let b): stack.append((a, d + 1)); stack.append((b, d + 1))
            case .not(let a): stack.append((a, d + 1))
            default: break
            }
        }
        return deepest
    }

    /// Column references in the order written.
    var columnRefs: [FilterColumnRef] {
        switch self {
        case .and(let a, let b), .or(let a, let b): a.columnRefs + b.columnRefs
        case .not(let a): a.columnRefs
        case .compare(let c, _, _), .member(let c, _, _), .isMissing(let c, _): [c]
        case .compareColumns(let a, _, let b): [a, b]
        }
    }
}
