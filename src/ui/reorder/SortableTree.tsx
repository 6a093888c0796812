/**
 * The drag-and-drop collection tree (dnd-kit, as in its sortable-tree example): pointer or
 * keyboard (Space picks up, arrows move, Right/Left change the level, Space drops, Escape
 * cancels), plus buttons on each row for the same moves. All the tree logic is in ./tree.
 */
import { useMemo, useRef, useState, type CSSProperties } from 'react';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragMoveEvent,
  type DragOverEvent,
  type DragStartEvent,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { descendantsOf, type FlatItem } from './tree';
import {
  canIndent,
  canMoveDown,
  canMoveUp,
  dropAt,
  indent,
  moveAmongSiblings,
  outdent,
  project,
} from './treeMoves';
import r from './reorder.module.css';

/** Pixels per level: the horizontal drag distance that makes one level deeper or shallower. */
export const INDENT = 28;

// Right/Left shift the dragged row by one level; Up/Down move it over the next row.
const coordinateGetter: KeyboardCoordinateGetter = (event, args) => {
  if (event.code === 'ArrowRight' || event.code === 'ArrowLeft') {
    event.preventDefault();
    const dx = event.code === 'ArrowRight' ? INDENT : -INDENT;
    return { ...args.currentCoordinates, x: args.currentCoordinates.x + dx };
  }
  return sortableKeyboardCoordinates(event, args);
};

const levels = (offset: number) => Math.round(offset / INDENT);

export function SortableTree(props: {
  items: readonly FlatItem[];
  onChange: (items: FlatItem[]) => void;
  disabled?: boolean;
}) {
  const { items, onChange } = props;
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [offset, setOffset] = useState(0);
  // The announcements run in the same event as onDragMove, before React re-renders: they read
  // the horizontal offset from this ref, or a screen reader would hear the previous level.
  const offsetNow = useRef(0);
  const sensors = useSensors(
    // A few pixels before a drag starts, so clicks on the handle stay clicks.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter }),
  );
  const labels = useMemo(() => new Map(items.map((i) => [i.id, i.label])), [items]);
  const label = (id: UniqueIdentifier | null | undefined) =>
    id == null ? '' : (labels.get(String(id)) ?? String(id));

  // While dragging, the active row's subtree travels with it (hidden, not a drop target).
  const hidden = useMemo(
    () => new Set(activeId ? descendantsOf(items, activeId) : []),
    [items, activeId],
  );
  const visible = items.filter((i) => !hidden.has(i.id));
  const projected = activeId && overId ? project(items, activeId, overId, levels(offset)) : null;

  const where = (activeId: string, overId: string, dx: number) => {
    const p = project(items, activeId, overId, levels(dx));
    if (!p) return '';
    const parent = p.parent === null ? 'the top level' : `inside ${label(p.parent)}`;
    const moved = dropAt(items, activeId, overId, levels(dx)).filter((i) => i.parent === p.parent);
    const position = moved.findIndex((i) => i.id === activeId) + 1;
    return `position ${position} of ${moved.length} ${parent}`;
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up ${label(active.id)}. Arrow Up and Down move it, Right and Left change its level.`,
    onDragMove: ({ active, over }) =>
      over
        ? `${label(active.id)} would go to ${where(String(active.id), String(over.id), offsetNow.current)}.`
        : undefined,
    onDragOver: ({ active, over }) =>
      over
        ? `${label(active.id)} would go to ${where(String(active.id), String(over.id), offsetNow.current)}.`
        : undefined,
    onDragEnd: ({ active, over }) =>
      over
        ? `${label(active.id)} dropped at ${where(String(active.id), String(over.id), offsetNow.current)}.`
        : `${label(active.id)} dropped.`,
    onDragCancel: ({ active }) => `Moving ${label(active.id)} was cancelled.`,
  };

  const reset = () => {
    setActiveId(null);
    setOverId(null);
    setOffset(0);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      accessibility={{
        announcements,
        screenReaderInstructions: {
          draggable:
            'To move a collection, press Space to pick it up. Arrow Up and Down move it, Arrow Right puts it inside the collection above, Arrow Left takes it out. Press Space to drop it, or Escape to cancel.',
        },
      }}
      onDragStart={({ active }: DragStartEvent) => {
        setActiveId(String(active.id));
        setOverId(String(active.id));
        setOffset(0);
        offsetNow.current = 0;
      }}
      onDragMove={({ delta }: DragMoveEvent) => {
        offsetNow.current = delta.x;
        setOffset(delta.x);
      }}
      onDragOver={({ over }: DragOverEvent) => setOverId(over ? String(over.id) : null)}
      onDragEnd={({ active, over, delta }: DragEndEvent) => {
        reset();
        if (over) onChange(dropAt(items, String(active.id), String(over.id), levels(delta.x)));
      }}
      onDragCancel={reset}
    >
      <SortableContext items={visible.map((i) => i.id)} strategy={verticalListSortingStrategy}>
        <ul className={r.tree} aria-label="Upload collections" data-testid="reorder-tree">
          {visible.map((item) => (
            <TreeRow
              key={item.id}
              item={item}
              depth={item.id === activeId && projected ? projected.depth : item.depth}
              childCount={item.id === activeId ? hidden.size : 0}
              disabled={!!props.disabled}
              canUp={canMoveUp(items, item.id)}
              canDown={canMoveDown(items, item.id)}
              canIn={canIndent(items, item.id)}
              canOut={item.depth > 0}
              onUp={() => onChange(moveAmongSiblings(items, item.id, -1))}
              onDown={() => onChange(moveAmongSiblings(items, item.id, 1))}
              onIn={() => onChange(indent(items, item.id))}
              onOut={() => onChange(outdent(items, item.id))}
            />
          ))}
        </ul>
      </SortableContext>
    </DndContext>
  );
}

function TreeRow(props: {
  item: FlatItem;
  depth: number;
  childCount: number;
  disabled: boolean;
  canUp: boolean;
  canDown: boolean;
  canIn: boolean;
  canOut: boolean;
  onUp: () => void;
  onDown: () => void;
  onIn: () => void;
  onOut: () => void;
}) {
  const { item } = props;
  const {
    attributes,
    listeners,
    setNodeRef,
    setActivatorNodeRef,
    transform,
    transition,
    isDragging,
  } = useSortable({ id: item.id, disabled: props.disabled });
  const style: CSSProperties = {
    transform: CSS.Translate.toString(transform && { ...transform, x: 0 }),
    transition,
    paddingLeft: props.depth * INDENT,
  };
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={isDragging ? `${r.row} ${r.dragging}` : r.row}
      data-testid="reorder-row"
      data-id={item.id}
      data-depth={item.depth}
      data-parent={item.parent ?? ''}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        className={r.handle}
        aria-label={`Move ${item.label}`}
        data-testid="reorder-handle"
        {...attributes}
        {...listeners}
      >
        <span aria-hidden="true">⠿</span>
      </button>
      <span className={r.label}>{item.label}</span>
      {props.childCount > 0 && <span className={r.badge}>+{props.childCount} inside</span>}
      <span className={r.rowActions}>
        <RowButton
          label={`Move ${item.label} up`}
          symbol="↑"
          enabled={props.canUp && !props.disabled}
          onClick={props.onUp}
        />
        <RowButton
          label={`Move ${item.label} down`}
          symbol="↓"
          enabled={props.canDown && !props.disabled}
          onClick={props.onDown}
        />
        <RowButton
          label={`Move ${item.label} out of its parent`}
          symbol="←"
          enabled={props.canOut && !props.disabled}
          onClick={props.onOut}
        />
        <RowButton
          label={`Move ${item.label} inside the collection above`}
          symbol="→"
          enabled={props.canIn && !props.disabled}
          onClick={props.onIn}
        />
      </span>
    </li>
  );
}

function RowButton(props: {
  label: string;
  symbol: string;
  enabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={r.rowButton}
      aria-label={props.label}
      title={props.label}
      disabled={!props.enabled}
      onClick={props.onClick}
    >
      <span aria-hidden="true">{props.symbol}</span>
    </button>
  );
}
