import {
  BoldOutlined, ItalicOutlined, OrderedListOutlined, PictureOutlined, RedoOutlined, UndoOutlined, UnorderedListOutlined,
} from '@ant-design/icons';
import Image from '@tiptap/extension-image';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { App, Button, Space, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/api/use-error-reporter';
import { useUploadImage } from '../api';

interface Props {
  townshipId: string;
  value?: string;
  onChange?: (html: string) => void;
  readOnly?: boolean;
  id?: string;
}

/**
 * The article editor: tiptap (ProseMirror) with the starter kit and images. What it produces
 * is sanitised again on the server (sanitize-html allow-list), so the editor is a convenience,
 * not the gate. Images are uploaded first and inserted by their /media/<id> address.
 */
export function RichTextEditor({ townshipId, value, onChange, readOnly = false, id }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const upload = useUploadImage(townshipId);
  const fileInput = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, protocols: ['http', 'https', 'mailto'] } }), Image],
    content: value ?? '',
    editable: !readOnly,
    editorProps: { attributes: { class: 'article-editor-content', 'aria-label': t('articles.editor.body'), role: 'textbox', 'aria-multiline': 'true', ...(id ? { id } : {}) } },
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });

  // A value loaded after the editor was created (the article arrived): show it once.
  useEffect(() => {
    if (editor && value !== undefined && value !== editor.getHTML() && !editor.isFocused) editor.commands.setContent(value, { emitUpdate: false });
  }, [editor, value]);
  useEffect(() => { editor?.setEditable(!readOnly); }, [editor, readOnly]);

  const onFile = (file: File | undefined) => {
    if (!file || !editor) return;
    if (!/^image\/(png|jpeg)$/.test(file.type)) { void message.error(t('articles.editor.imageType')); return; }
    const hide = message.loading(t('articles.editor.imageUploading'), 0);
    upload.mutate(file, {
      onSuccess: (r) => { editor.chain().focus().setImage({ src: r.url, alt: file.name.replace(/\.[^.]+$/, '') }).run(); },
      onError: (err) => report(err),
      onSettled: () => { hide(); if (fileInput.current) fileInput.current.value = ''; },
    });
  };

  if (!editor) return null;
  const btn = (label: string, icon: React.ReactNode, active: boolean, run: () => void) => (
    <Tooltip title={label}><Button type={active ? 'primary' : 'default'} icon={icon} aria-label={label} aria-pressed={active} onClick={run} size="small" /></Tooltip>
  );
  return (
    <div className="article-editor">
      {readOnly ? null : (
        <Space wrap role="toolbar" aria-label={t('articles.editor.toolbar')} className="article-editor-toolbar">
          {btn(t('articles.editor.bold'), <BoldOutlined aria-hidden />, editor.isActive('bold'), () => editor.chain().focus().toggleBold().run())}
          {btn(t('articles.editor.italic'), <ItalicOutlined aria-hidden />, editor.isActive('italic'), () => editor.chain().focus().toggleItalic().run())}
          <Button size="small" type={editor.isActive('heading', { level: 2 }) ? 'primary' : 'default'} aria-pressed={editor.isActive('heading', { level: 2 })} onClick={() => editor.chain().focus().toggleHeading({ level: 2 }).run()}>{t('articles.editor.heading')}</Button>
          <Button size="small" type={editor.isActive('heading', { level: 3 }) ? 'primary' : 'default'} aria-pressed={editor.isActive('heading', { level: 3 })} onClick={() => editor.chain().focus().toggleHeading({ level: 3 }).run()}>{t('articles.editor.subheading')}</Button>
          {btn(t('articles.editor.bulletList'), <UnorderedListOutlined aria-hidden />, editor.isActive('bulletList'), () => editor.chain().focus().toggleBulletList().run())}
          {btn(t('articles.editor.orderedList'), <OrderedListOutlined aria-hidden />, editor.isActive('orderedList'), () => editor.chain().focus().toggleOrderedList().run())}
          <Button size="small" type={editor.isActive('blockquote') ? 'primary' : 'default'} aria-pressed={editor.isActive('blockquote')} onClick={() => editor.chain().focus().toggleBlockquote().run()}>{t('articles.editor.quote')}</Button>
          {btn(t('articles.editor.undo'), <UndoOutlined aria-hidden />, false, () => editor.chain().focus().undo().run())}
          {btn(t('articles.editor.redo'), <RedoOutlined aria-hidden />, false, () => editor.chain().focus().redo().run())}
          <Button size="small" icon={<PictureOutlined aria-hidden />} loading={upload.isPending} onClick={() => fileInput.current?.click()}>{t('articles.editor.image')}</Button>
        </Space>
      )}
      <input ref={fileInput} type="file" accept="image/png,image/jpeg" style={{ display: 'none' }} aria-label={t('articles.editor.image')} tabIndex={-1} data-testid="article-image-input" onChange={(e) => onFile(e.target.files?.[0])} />
      <EditorContent editor={editor} />
    </div>
  );
}
