//! broadsheet patch: a language's index built page by page.
//!
//! As published, Pagefind holds every fossicked page (its text, and for every word a list of
//! 32-byte positions keyed by its own copy of the word) until the index is built, and then
//! copies them all once more per language: at 100,000 news articles, gigabytes. Here each page
//! is folded into the index as soon as it is fossicked: its words go into compact postings
//! (varints, the same numbers the index chunks will hold) and its fragment is encoded, so memory
//! grows with the index rather than with the pages. `build_indexes` folds a whole list of pages
//! the same way, so both paths write the same bundle.

use hashbrown::HashMap;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

use super::index_filter::{FilterIndex, PackedValue};
use super::index_metadata::{MetaIndex, MetaPage, MetaSort};
use super::index_words::{PackedPage, PackedVariant, PackedWord, WordIndex};
use super::{
    chunk_bounds, chunk_meta, meta_positions_to_packed, parse_float_sort, parse_int_sort,
    positions_to_packed_page, PagefindIndexes,
};
use crate::{
    fossick::{FossickedData, FossickedWord, MetaFossickedWord},
    utils::full_hash,
    SearchOptions,
};
use anyhow::{bail, Result};

#[derive(Clone)]
struct IntermediaryPageData {
    full_hash: String,
    /// The fragment's JSON, compressed at once: it is most of what a page leaves behind.
    compressed: Vec<u8>,
    word_count: usize,
    page_number: usize,
}

#[derive(Debug)]
enum SortType {
    String,
    Number,
}

/// One page made ready to fold into an index: its words packed as the index holds them (meta
/// field ids as the builder numbers them), its filter values and its encoded fragment.
pub(crate) struct PackedPageData {
    word_map: HashMap<String, PackedWord>,
    filter_entries: Vec<(String, String)>,
    encoded_page: IntermediaryPageData,
    sort: BTreeMap<String, String>,
}

/// Appends `value` as an unsigned LEB128 varint.
fn write_varint(bytes: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        bytes.push((value as u8) | 0x80);
        value >>= 7;
    }
    bytes.push(value as u8);
}

fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[*at];
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte < 0x80 {
            return value;
        }
        shift += 7;
    }
}

fn write_signed(bytes: &mut Vec<u8>, value: i32) {
    write_varint(bytes, ((value << 1) ^ (value >> 31)) as u32 as u64);
}

fn read_signed(bytes: &[u8], at: &mut usize) -> i32 {
    let zigzag = read_varint(bytes, at) as u32;
    ((zigzag >> 1) as i32) ^ -((zigzag & 1) as i32)
}

/// A word's pages in the order they were added, as varints: for each page the gap from the
/// previous page number, then its locations and its meta locations, each count-prefixed.
#[derive(Default)]
struct PostingList {
    bytes: Vec<u8>,
    last_page: usize,
}

impl PostingList {
    fn push(&mut self, page: &PackedPage) {
        write_varint(&mut self.bytes, (page.page_number - self.last_page) as u64);
        self.last_page = page.page_number;
        for locs in [&page.locs, &page.meta_locs] {
            write_varint(&mut self.bytes, locs.len() as u64);
            for &loc in locs {
                write_signed(&mut self.bytes, loc);
            }
        }
    }

    /// The pages back, page numbers as gaps (as the index chunks hold them) and meta field ids
    /// renumbered through `field_order`.
    fn delta_pages(&self, field_order: &[u16]) -> Vec<PackedPage> {
        let mut pages = Vec::new();
        let mut at = 0;
        while at < self.bytes.len() {
            let page_number = read_varint(&self.bytes, &mut at) as usize;
            let mut lists = [Vec::new(), Vec::new()];
            for list in lists.iter_mut() {
                let count = read_varint(&self.bytes, &mut at) as usize;
                list.reserve(count);
                for _ in 0..count {
                    list.push(read_signed(&self.bytes, &mut at));
                }
            }
            let [locs, meta_locs] = lists;
            pages.push(PackedPage {
                page_number,
                locs,
                meta_locs: renumber_meta_fields(meta_locs, field_order),
            });
        }
        pages
    }
}

/// Meta locations hold field-id markers (`-(id + 1)`) followed by position gaps from the start
/// of that field. Ids are renumbered and the fields put back in id order, as the index wants.
fn renumber_meta_fields(meta_locs: Vec<i32>, field_order: &[u16]) -> Vec<i32> {
    if meta_locs.is_empty() {
        return meta_locs;
    }
    let mut fields: Vec<(u16, Vec<i32>)> = Vec::new();
    for loc in meta_locs {
        if loc < 0 {
            let id = field_order[(-loc - 1) as usize];
            fields.push((id, Vec::new()));
        } else if let Some((_, positions)) = fields.last_mut() {
            positions.push(loc);
        }
    }
    fields.sort_by_key(|(id, _)| *id);
    fields
        .into_iter()
        .flat_map(|(id, positions)| std::iter::once(-(id as i32) - 1).chain(positions))
        .collect()
}

#[derive(Default)]
struct Postings {
    pages: PostingList,
    variants: Vec<(String, PostingList)>,
    /// The word's size in locations, as the index is cut into chunks by it.
    weight: usize,
}

/// A language's index as pages are folded into it.
pub(crate) struct IndexBuilder {
    language: String,
    /// Meta field names in the order first met; the packed pages' field ids index this.
    meta_fields: Vec<String>,
    words: HashMap<String, Postings>,
    filter_map: HashMap<String, HashMap<String, Vec<usize>>>,
    pages: Vec<(IntermediaryPageData, BTreeMap<String, String>)>,
}

impl IndexBuilder {
    pub(crate) fn new(language: String) -> Self {
        IndexBuilder {
            language,
            meta_fields: Vec::new(),
            words: HashMap::new(),
            filter_map: HashMap::new(),
            pages: Vec::new(),
        }
    }

    pub(crate) fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// The builder's ids for a page's meta fields, in the page's (sorted) order.
    fn field_ids(&mut self, page: &FossickedData) -> Vec<u16> {
        page.fragment
            .data
            .meta
            .keys()
            .map(|name| match self.meta_fields.iter().position(|f| f == name) {
                Some(id) => id as u16,
                None => {
                    self.meta_fields.push(name.clone());
                    (self.meta_fields.len() - 1) as u16
                }
            })
            .collect()
    }

    /// Folds one page into the index, as the next page.
    pub(crate) fn add(&mut self, page: FossickedData) {
        let field_ids = self.field_ids(&page);
        let packed = pack_page(page, self.pages.len(), &field_ids, &self.language);
        self.fold(packed);
    }

    /// Folds a whole list of pages, packing them on every core.
    pub(crate) fn add_all(&mut self, pages: Vec<FossickedData>) {
        let first = self.pages.len();
        let field_ids: Vec<Vec<u16>> = pages.iter().map(|p| self.field_ids(p)).collect();
        let language = self.language.clone();
        let packed: Vec<PackedPageData> = pages
            .into_par_iter()
            .zip(field_ids)
            .enumerate()
            .map(|(n, (page, ids))| pack_page(page, first + n, &ids, &language))
            .collect();
        for page in packed {
            self.fold(page);
        }
    }

    fn fold(&mut self, page: PackedPageData) {
        let page_number = page.encoded_page.page_number;
        for (word, packed) in page.word_map {
            let postings = self.words.entry(word).or_default();
            for p in &packed.pages {
                postings.weight += p.locs.len() + p.meta_locs.len() + 1;
                postings.pages.push(p);
            }
            for variant in packed.additional_variants {
                let list = match postings.variants.iter().position(|(f, _)| *f == variant.form) {
                    Some(i) => &mut postings.variants[i].1,
                    None => {
                        // A word's size counts each of its variants once.
                        postings.weight += 1;
                        postings.variants.push((variant.form, PostingList::default()));
                        &mut postings.variants.last_mut().expect("just pushed").1
                    }
                };
                for p in &variant.pages {
                    postings.weight += p.locs.len() + p.meta_locs.len() + 1;
                    list.push(p);
                }
            }
        }
        for (filter, value) in page.filter_entries {
            self.filter_map
                .entry(filter)
                .or_default()
                .entry(value)
                .or_default()
                .push(page_number);
        }
        self.pages.push((page.encoded_page, page.sort));
    }

    /// The index files of every page folded in.
    pub(crate) fn finish(self, options: &SearchOptions) -> Result<PagefindIndexes> {
        let IndexBuilder {
            language,
            meta_fields,
            words,
            filter_map,
            pages,
        } = self;
        let mut meta = MetaIndex {
            version: options.version.into(),
            pages: Vec::new(),
            index_chunks: Vec::new(),
            filters: Vec::new(),
            sorts: Vec::new(),
            meta_fields: Vec::new(),
        };

        // Get all possible sort keys
        let mut sorts: Vec<_> = pages
            .iter()
            .flat_map(|(_, sort)| sort.keys().cloned())
            .collect();
        sorts.sort_unstable();
        sorts.dedup();

        // Determine the best sorting parser that fits all available values for each given key
        let mut sort_types: BTreeMap<String, SortType> = BTreeMap::new();
        for sort in sorts.iter() {
            let mut sort_values = pages.iter().flat_map(|(_, s)| s.get(sort));
            sort_types.insert(
                sort.clone(),
                if sort_values.all(|v| parse_int_sort(v).is_some() || parse_float_sort(v).is_some())
                {
                    SortType::Number
                } else {
                    SortType::String
                },
            );
        }

        for (sort_key, sort_type) in sort_types {
            let mut page_values: Vec<_> = pages
                .iter()
                .flat_map(|(page, sort)| sort.get(&sort_key).map(|v| (v, page.page_number)))
                .collect();
            options.logger.v_info(format!(
                "Prebuilding sort order for {sort_key}, processed as type: {sort_type:#?}"
            ));
            match sort_type {
                SortType::String => page_values.sort_by_key(|p| p.0),
                SortType::Number => page_values.sort_by(|p1, p2| {
                    let p1 = parse_int_sort(p1.0)
                        .map(|i| i as f32)
                        .unwrap_or_else(|| parse_float_sort(p1.0).unwrap_or_default());
                    let p2 = parse_int_sort(p2.0)
                        .map(|i| i as f32)
                        .unwrap_or_else(|| parse_float_sort(p2.0).unwrap_or_default());

                    p1.total_cmp(&p2)
                }),
            }
            meta.sorts.push(MetaSort {
                sort: sort_key,
                pages: page_values.into_iter().map(|p| p.1).collect(),
            });
        }

        // The index numbers meta fields in name order.
        let mut sorted_fields = meta_fields.clone();
        sorted_fields.sort();
        let field_order: Vec<u16> = meta_fields
            .iter()
            .map(|f| sorted_fields.iter().position(|s| s == f).unwrap() as u16)
            .collect();
        meta.meta_fields = sorted_fields;

        let mut fragment_hashes: HashMap<String, IntermediaryPageData> = HashMap::new();
        let mut fragments: Vec<(usize, (String, IntermediaryPageData))> = Vec::new();
        for (encoded_page, _) in pages {
            // Handle fragment hashing (must be sequential due to collision handling)
            let mut short_hash = &encoded_page.full_hash[0..=(language.len() + 7)];

            // If we hit a collision, extend one until we stop colliding
            // TODO: There are some collision issues here.
            // If two builds match a collision in different orders the hashes will swap,
            // which could return incorrect data due to files being cached.
            while let Some(collision) = fragment_hashes.get(short_hash) {
                if collision.full_hash == encoded_page.full_hash {
                    // These pages are identical. Add both under the same hash.
                    fragments.push((
                        collision.word_count,
                        (collision.full_hash.clone(), collision.clone()),
                    ));
                } else {
                    let new_length = short_hash.len();
                    short_hash = &encoded_page.full_hash[0..=new_length];
                }
            }
            fragment_hashes.insert(short_hash.to_string(), encoded_page);
        }

        fragments.extend(
            fragment_hashes
                .into_iter()
                .map(|(hash, frag)| (frag.word_count, (hash, frag))),
        );
        fragments.sort_by_cached_key(|(_, (_, fragment))| fragment.page_number);

        let page_count = fragments.len();
        let mut final_fragments = Vec::new();

        if let Some(max_fragments) = options
            .max_fragments
            .filter(|&m| m > 0 && (m as usize) < fragments.len())
        {
            let group_size = (fragments.len() as f32 / max_fragments as f32).ceil() as usize;
            options.logger.info(format!(
                "Bundling {} fragments into groups of {}, resulting in {} files",
                fragments.len(),
                group_size,
                fragments.chunks(group_size).len()
            ));
            let prefix = format!("{language}_group_");
            // broadsheet patch: each group is put together and compressed on every core; only
            // the naming, which settles collisions in order, is sequential.
            let groups: Vec<(String, Vec<u8>)> = fragments
                .par_chunks(group_size)
                .map(|chunk| -> Result<(String, Vec<u8>)> {
                    let mut group_map = BTreeMap::new();
                    for (_, (hash, frag)) in chunk {
                        let json = crate::output::decompress(&frag.compressed)?;
                        let val: serde_json::Value = serde_json::from_slice(&json).unwrap();
                        group_map.insert(hash.clone(), val);
                    }
                    let group_json = serde_json::to_string(&group_map).unwrap();
                    let group_hash = format!("{prefix}{}", full_hash(group_json.as_bytes()));
                    Ok((group_hash, crate::output::compress(&[group_json.as_bytes()])?))
                })
                .collect::<Result<_>>()?;
            let mut group_hashes: BTreeSet<String> = BTreeSet::new();
            for (chunk, (group_hash, compressed)) in fragments.chunks(group_size).zip(groups) {
                // If we hit a collision, extend one hash until we stop colliding
                let mut hash_length = 7;
                let mut short_group_hash = &group_hash[..prefix.len() + hash_length];
                while group_hashes.contains(short_group_hash) && hash_length < 40 {
                    hash_length += 1;
                    short_group_hash = &group_hash[..prefix.len() + hash_length];
                }
                group_hashes.insert(short_group_hash.to_string());

                final_fragments.push((short_group_hash.to_string(), compressed));

                for (word_count, (hash, _)) in chunk {
                    meta.pages.push(MetaPage {
                        hash: hash.clone(),
                        word_count: *word_count as u32,
                        group_hash: short_group_hash.to_string(),
                    });
                }
            }
        } else {
            for (word_count, (hash, frag)) in fragments {
                final_fragments.push((hash.clone(), frag.compressed));
                meta.pages.push(MetaPage {
                    hash: hash.clone(),
                    word_count: word_count as u32,
                    group_hash: "".into(),
                });
            }
        }

        // Encode filter indexes in parallel
        // Accumulate into HashMap for O(1) inserts, then sort once before encoding
        // to produce a stable hash without paying BTreeMap's per-insert overhead.
        let mut filter_map_vec: Vec<_> = filter_map.into_iter().collect();
        filter_map_vec.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
        let encoded_filters: Vec<(String, Vec<u8>, String)> = filter_map_vec
            .into_par_iter()
            .map(|(filter, values)| {
                let mut sorted_values: Vec<_> = values.into_iter().collect();
                sorted_values.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
                let mut filter_index: Vec<u8> = Vec::new();
                let _ = minicbor::encode::<FilterIndex, &mut Vec<u8>>(
                    FilterIndex {
                        filter: filter.clone(),
                        values: sorted_values
                            .into_iter()
                            .map(|(value, pages)| PackedValue { value, pages })
                            .collect(),
                    },
                    filter_index.as_mut(),
                );
                let hash = format!("{}_{}", language, full_hash(&filter_index));
                (filter, filter_index, hash)
            })
            .collect();

        // Handle hash collisions sequentially (required for correctness)
        let mut filter_indexes = HashMap::new();
        for (filter, filter_index, hash) in encoded_filters {
            let mut short_hash = &hash[0..=(language.len() + 7)];

            // If we hit a collision, extend one hash until we stop colliding
            // TODO: DRY
            while filter_indexes.contains_key(short_hash) {
                let new_length = short_hash.len() + 1;
                short_hash = &hash[0..=new_length];

                if short_hash.len() == hash.len() {
                    break;
                }
            }
            filter_indexes.insert(short_hash.to_string(), filter_index);
            meta.filters.push(super::index_metadata::MetaFilter {
                filter,
                hash: short_hash.to_string(),
            })
        }

        if TryInto::<u32>::try_into(meta.pages.len()).is_err() {
            options.logger.error(format!(
                "Language {} has too many documents to index, must be < {}",
                language,
                u32::MAX
            ));
            bail!(
                "Language {language} has too many documents to index, must be < {}",
                u32::MAX
            );
        }

        // Words in order, cut into chunks by their size; each chunk's words are unpacked from
        // their postings only while the chunk is encoded.
        let word_count = words.len();
        let mut words: Vec<(String, Postings)> = words.into_iter().collect();
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let bounds = chunk_bounds(words.iter().map(|(_, p)| p.weight), options.index_chunk_size);
        meta.index_chunks = chunk_meta(
            &bounds
                .iter()
                .map(|r| (words[r.start].0.as_str(), words[r.end - 1].0.as_str()))
                .collect::<Vec<_>>(),
        );
        let encoded_chunks: Vec<(usize, Vec<u8>, String)> = bounds
            .into_par_iter()
            .enumerate()
            .map(|(i, range)| {
                let chunk: Vec<PackedWord> = words[range]
                    .iter()
                    .map(|(word, postings)| PackedWord {
                        word: word.clone(),
                        pages: postings.pages.delta_pages(&field_order),
                        additional_variants: postings
                            .variants
                            .iter()
                            .map(|(form, list)| PackedVariant {
                                form: form.clone(),
                                pages: list.delta_pages(&field_order),
                            })
                            .collect(),
                    })
                    .collect();
                let mut word_index: Vec<u8> = Vec::new();
                let _ = minicbor::encode::<WordIndex, &mut Vec<u8>>(
                    WordIndex { words: chunk },
                    word_index.as_mut(),
                );
                let hash = format!("{}_{}", language, full_hash(&word_index));
                // broadsheet patch: compressed here, on every core, rather than one after
                // another as the bundle is written; named by what it holds, as before.
                let compressed = crate::output::compress(&[&word_index])?;
                Ok((i, compressed, hash))
            })
            .collect::<Result<_>>()?;

        // Handle hash collisions sequentially (required for correctness)
        let mut word_indexes: HashMap<String, Vec<u8>> = HashMap::new();
        for (i, word_index, hash) in encoded_chunks {
            let mut short_hash = &hash[0..=(language.len() + 7)];

            // If we hit a collision, extend one hash until we stop colliding
            while word_indexes.contains_key(short_hash) {
                let new_length = short_hash.len() + 1;
                short_hash = &hash[0..=new_length];

                if short_hash.len() == hash.len() {
                    break;
                }
            }
            word_indexes.insert(short_hash.to_string(), word_index);
            meta.index_chunks[i].hash = short_hash.into();
        }

        let mut meta_index: Vec<u8> = Vec::new();
        let _ = minicbor::encode::<MetaIndex, &mut Vec<u8>>(meta, meta_index.as_mut());

        let meta_hash = format!(
            "{}_{}",
            language,
            &full_hash(&meta_index)[0..=(language.len() + 7)]
        );

        Ok(PagefindIndexes {
            word_indexes,
            filter_indexes,
            sorts,
            meta_index: (meta_hash, meta_index),
            fragments: final_fragments,
            language,
            word_count,
            page_count,
        })
    }
}

/// Packs one page: its words as the index holds them, filters and fragment. `field_ids` maps
/// the page's meta fields (in the page's sorted order) to the builder's field ids.
fn pack_page(
    page: FossickedData,
    page_number: usize,
    field_ids: &[u16],
    language: &str,
) -> PackedPageData {
    let mut local_word_map: HashMap<String, PackedWord> = HashMap::new();

    for (word, positions) in page.word_data {
        // Group positions by original_word for this page
        let mut normalized_positions: Vec<FossickedWord> = Vec::new();
        let mut variant_positions: BTreeMap<String, Vec<FossickedWord>> = BTreeMap::new();

        for fossicked in positions {
            if fossicked.original_word.is_none() {
                // No diacritics - original matches normalized form
                normalized_positions.push(fossicked);
            } else {
                // Original form differs (has diacritics) - stored instead in additional_variants
                variant_positions
                    .entry(fossicked.original_word.clone().unwrap())
                    .or_default()
                    .push(fossicked);
            }
        }

        let packed_word = local_word_map
            .entry(word.clone())
            .or_insert_with(|| PackedWord {
                word: word.clone(),
                pages: Vec::new(),
                additional_variants: Vec::new(),
            });

        if !normalized_positions.is_empty() {
            packed_word
                .pages
                .push(positions_to_packed_page(normalized_positions, page_number));
        }

        for (variant_form, variant_pos) in variant_positions {
            let variant_page = positions_to_packed_page(variant_pos, page_number);

            if let Some(existing_variant) = packed_word
                .additional_variants
                .iter_mut()
                .find(|v| v.form == variant_form)
            {
                existing_variant.pages.push(variant_page);
            } else {
                packed_word.additional_variants.push(PackedVariant {
                    form: variant_form,
                    pages: vec![variant_page],
                });
            }
        }
    }

    for (word, meta_positions) in page.meta_word_data {
        let mut normalized_meta_positions: Vec<MetaFossickedWord> = Vec::new();
        let mut variant_meta_positions: BTreeMap<String, Vec<MetaFossickedWord>> =
            BTreeMap::new();

        for mut meta_fossicked in meta_positions {
            meta_fossicked.field_id = field_ids[meta_fossicked.field_id as usize];
            if let Some(original) = meta_fossicked.original_word.clone() {
                variant_meta_positions
                    .entry(original)
                    .or_default()
                    .push(meta_fossicked);
            } else {
                normalized_meta_positions.push(meta_fossicked);
            }
        }

        let packed_word = local_word_map
            .entry(word.clone())
            .or_insert_with(|| PackedWord {
                word: word.clone(),
                pages: Vec::new(),
                additional_variants: Vec::new(),
            });

        if !normalized_meta_positions.is_empty() {
            let meta_locs = meta_positions_to_packed(normalized_meta_positions);

            if let Some(existing_page) = packed_word
                .pages
                .iter_mut()
                .find(|p| p.page_number == page_number)
            {
                existing_page.meta_locs = meta_locs;
            } else {
                packed_word.pages.push(PackedPage {
                    page_number,
                    locs: vec![],
                    meta_locs,
                });
            }
        }

        // Handle diacritic variants in meta
        for (variant_form, variant_pos) in variant_meta_positions {
            let meta_locs = meta_positions_to_packed(variant_pos);

            if let Some(existing_variant) = packed_word
                .additional_variants
                .iter_mut()
                .find(|v| v.form == variant_form)
            {
                if let Some(existing_page) = existing_variant
                    .pages
                    .iter_mut()
                    .find(|p| p.page_number == page_number)
                {
                    existing_page.meta_locs = meta_locs;
                } else {
                    existing_variant.pages.push(PackedPage {
                        page_number,
                        locs: vec![],
                        meta_locs,
                    });
                }
            } else {
                packed_word.additional_variants.push(PackedVariant {
                    form: variant_form,
                    pages: vec![PackedPage {
                        page_number,
                        locs: vec![],
                        meta_locs,
                    }],
                });
            }
        }
    }

    // Collect filter entries for this page
    let filter_entries: Vec<(String, String)> = page
        .fragment
        .data
        .filters
        .iter()
        .flat_map(|(filter, values)| values.iter().map(move |value| (filter.clone(), value.clone())))
        .collect();

    // Compute encoded page data
    let encoded_data = serde_json::to_string(&page.fragment.data).unwrap();
    let encoded_page = IntermediaryPageData {
        full_hash: format!("{}_{}", language, full_hash(encoded_data.as_bytes())),
        word_count: page.fragment.data.word_count,
        page_number,
        compressed: crate::output::compress(&[encoded_data.as_bytes()])
            .expect("compressing into memory does not fail"),
    };

    PackedPageData {
        word_map: local_word_map,
        filter_entries,
        encoded_page,
        sort: page.sort,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_come_back_as_gaps_with_meta_fields_renumbered() {
        let mut list = PostingList::default();
        let pages = [
            PackedPage {
                page_number: 3,
                locs: vec![0, 4, -26, 130, 2],
                meta_locs: vec![],
            },
            PackedPage {
                page_number: 700,
                locs: vec![],
                meta_locs: vec![-1, 0, 5, -2, 1],
            },
        ];
        for p in &pages {
            list.push(p);
        }
        // Builder field 0 is the index's field 1 and the other way round.
        let got = list.delta_pages(&[1, 0]);
        assert_eq!(got[0].page_number, 3);
        assert_eq!(got[0].locs, pages[0].locs);
        assert_eq!(got[1].page_number, 697);
        assert_eq!(got[1].meta_locs, vec![-1, 1, -2, 0, 5]);
    }

    #[test]
    fn varints_round_trip() {
        let mut bytes = Vec::new();
        let values = [0i32, 1, -1, 63, -64, 300, -300, i32::MAX, i32::MIN];
        for v in values {
            write_signed(&mut bytes, v);
        }
        write_varint(&mut bytes, u64::from(u32::MAX) + 7);
        let mut at = 0;
        for v in values {
            assert_eq!(read_signed(&bytes, &mut at), v);
        }
        assert_eq!(read_varint(&bytes, &mut at), u64::from(u32::MAX) + 7);
    }
}
