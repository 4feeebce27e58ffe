/* coi-search-highlight: every search result opens with its terms highlighted (issue 15). Appended to
 * Material's bundle by coi_course.search.index (patch_bundle), which makes Material's rendering of
 * a group of results (a page and its sections) call this first.
 *
 * Material links a page with ?h= and the query terms found in that entry. When the terms are only
 * found in the page's sections, the page's own entry has none and its link got an empty ?h=, so
 * the page opened with nothing highlighted. Such entries get the terms found in their group.
 *
 * A term's last dot is dropped: the lessons mark abbreviations up as <abbr>ป.ป.ช</abbr>. and the
 * highlighter only looks inside one text node, so ป.ป.ช. would never be highlighted. */
function __coiGroupTerms(group) {
  function trimmed(terms) {
    var out = {}
    Object.keys(terms).forEach(function (term) {
      var key = term.length > 1 ? term.replace(/\.$/, "") : term
      out[key] = out[key] || terms[term]
    })
    return out
  }
  var found = {}
  group = group.map(function (item) {
    return Object.assign({}, item, { terms: trimmed(item.terms) })
  })
  group.forEach(function (item) {
    Object.keys(item.terms).forEach(function (term) {
      if (item.terms[term]) found[term] = true
    })
  })
  return group.map(function (item) {
    var own = Object.keys(item.terms).some(function (term) { return item.terms[term] })
    return own ? item : Object.assign({}, item, { terms: Object.assign({}, item.terms, found) })
  })
}
