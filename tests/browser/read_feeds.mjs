// Reads feeds with rss-parser (the feed parser of many Node.js readers and bots) and prints, for each
// file, what a reader takes from it as JSON: the feed's page and address, and each item's id, link
// and title. Used by tests/test_feed_readers.py:
//   node tests/browser/read_feeds.mjs feeds/atom.xml [more.xml …]
import { readFileSync } from 'node:fs';
import Parser from 'rss-parser';

const parser = new Parser();
const feeds = {};
for (const path of process.argv.slice(2)) {
  const feed = await parser.parseString(readFileSync(path, 'utf8'));
  feeds[path] = {
    link: feed.link,
    feedUrl: feed.feedUrl,
    items: feed.items.map((item) => ({ id: item.id ?? item.guid, link: item.link, title: item.title })),
  };
}
process.stdout.write(JSON.stringify(feeds));
